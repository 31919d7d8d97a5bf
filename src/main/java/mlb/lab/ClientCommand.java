package mlb.lab;

import mlb.lab.traffic.DownloadClient;
import mlb.lab.traffic.FtpClient;
import mlb.lab.traffic.Json;
import mlb.lab.traffic.LabAddress;
import mlb.lab.traffic.ProbeClient;
import mlb.lab.traffic.Protocol;
import mlb.lab.traffic.WhoamiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The traffic client, run in the LAN namespace by the lab; prints one JSON report on stdout. Every run is bounded
 * by timeouts and counts, and only lab addresses are accepted as servers.
 */
@Command(name = "client", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = "Traffic client (prints a JSON report): whoami | download | probe | ftp.",
        subcommands = {ClientCommand.Whoami.class, ClientCommand.Download.class, ClientCommand.Probe.class,
                ClientCommand.Ftp.class})
final class ClientCommand {
    /** Options every client shares. */
    static final class Target {
        @Option(names = "--server", defaultValue = "198.19.0.1", paramLabel = "ADDR",
                description = "server address, repeatable; lab addresses only (default: ${DEFAULT-VALUE})")
        List<String> servers;

        @Option(names = "--port", defaultValue = "" + Protocol.DEFAULT_PORT, paramLabel = "PORT",
                description = "the servers' TCP port (default: ${DEFAULT-VALUE})")
        int port;

        List<InetAddress> addresses() {
            return servers.stream().map(LabAddress::require).toList();
        }
    }

    @Command(name = "whoami", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
            description = "Open COUNT short connections and count the source address each was seen from.")
    static final class Whoami extends LabTask {
        @picocli.CommandLine.Mixin
        Target target;
        @Option(names = "--count", defaultValue = "100", paramLabel = "COUNT",
                description = "connections to open, 1..100000 (default: ${DEFAULT-VALUE})")
        int count;
        @Option(names = "--concurrency", defaultValue = "16", paramLabel = "N",
                description = "connections open at once, 1..256 (default: ${DEFAULT-VALUE})")
        int concurrency;
        @Option(names = "--timeout", defaultValue = "3s", converter = Units.DurationConverter.class, paramLabel = "TIME",
                description = "how long one connection may take (default: ${DEFAULT-VALUE})")
        Duration timeout;

        @Override
        int run() {
            Bounds.check(count, 1, 100_000, "--count");
            Bounds.check(concurrency, 1, 256, "--concurrency");
            out().println(Json.write(WhoamiClient.run(target.addresses(), target.port, count, concurrency, timeout)));
            return 0;
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
            description = "Run PARALLEL downloads of BYTES each, all started together; report each one's timing.")
    static final class Download extends LabTask {
        @picocli.CommandLine.Mixin
        Target target;
        @Option(names = "--parallel", defaultValue = "1", paramLabel = "PARALLEL",
                description = "downloads at once, 1..256 (default: ${DEFAULT-VALUE})")
        int parallel;
        @Option(names = "--bytes", defaultValue = "1MB", converter = Units.SizeConverter.class, paramLabel = "BYTES",
                description = "bytes per download, e.g. 2MB (default: ${DEFAULT-VALUE})")
        long bytes;
        @Option(names = "--deadline", defaultValue = "60s", converter = Units.DurationConverter.class, paramLabel = "TIME",
                description = "downloads not finished by then are stopped and reported so (default: ${DEFAULT-VALUE})")
        Duration deadline;

        @Option(names = "--stall", defaultValue = "15s", converter = Units.DurationConverter.class,
                description = "a download that receives nothing this long is broken (default: ${DEFAULT-VALUE})")
        Duration stall;

        @Option(names = "--pace", defaultValue = "0", converter = Units.SizeConverter.class, paramLabel = "BYTES",
                description = "send each download at this many bytes a second, e.g. 250KB; 0: as fast as the line allows"
                        + " (default: ${DEFAULT-VALUE})")
        long pace;

        @Override
        int run() {
            Bounds.check(parallel, 1, 256, "--parallel");
            Bounds.check(bytes, 1, Protocol.MAX_BYTES, "--bytes");
            Bounds.check(pace, 0, Protocol.MAX_BYTES, "--pace");
            out().println(Json.write(DownloadClient.run(target.addresses(), target.port, parallel, bytes, deadline, stall, pace)));
            return 0;
        }
    }

    @Command(name = "probe", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
            description = "Open a new connection every INTERVAL for DURATION; report which ones failed.")
    static final class Probe extends LabTask {
        @picocli.CommandLine.Mixin
        Target target;
        @Option(names = "--interval", defaultValue = "100ms", converter = Units.DurationConverter.class, paramLabel = "INTERVAL",
                description = "time between new connections, 10ms..60s (default: ${DEFAULT-VALUE})")
        Duration interval;
        @Option(names = "--duration", defaultValue = "5s", converter = Units.DurationConverter.class, paramLabel = "DURATION",
                description = "how long to probe, at most 1h (default: ${DEFAULT-VALUE})")
        Duration duration;
        @Option(names = "--timeout", defaultValue = "300ms", converter = Units.DurationConverter.class, paramLabel = "TIME",
                description = "a connection not made within this counts as failed (default: ${DEFAULT-VALUE})")
        Duration timeout;

        @Override
        int run() {
            Bounds.check(interval.toMillis(), 10, 60_000, "--interval (ms)");
            Bounds.check(duration.toMillis(), interval.toMillis(), 3_600_000, "--duration (ms)");
            out().println(Json.write(ProbeClient.run(target.addresses(), target.port, interval, duration, timeout)));
            return 0;
        }
    }

    @Command(name = "ftp", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
            description = "Run COUNT passive FTP sessions (control, PASV, data) in turn; count those whose data "
                    + "connection came from the control connection's source.")
    static final class Ftp extends LabTask {
        @Option(names = "--server", defaultValue = "198.19.0.1", paramLabel = "ADDR",
                description = "server address, a lab address (default: ${DEFAULT-VALUE})")
        String server;
        @Option(names = "--port", defaultValue = "" + Protocol.FTP_PORT, paramLabel = "PORT",
                description = "the server's FTP control port (default: ${DEFAULT-VALUE})")
        int port;
        @Option(names = "--count", defaultValue = "20", paramLabel = "COUNT", description = "sessions, 1..1000 (default: ${DEFAULT-VALUE})")
        int count;
        @Option(names = "--timeout", defaultValue = "3s", converter = Units.DurationConverter.class, paramLabel = "TIME",
                description = "how long one connection may take (default: ${DEFAULT-VALUE})")
        Duration timeout;

        @Override
        int run() {
            Bounds.check(count, 1, 1000, "--count");
            out().println(Json.write(FtpClient.run(LabAddress.require(server), port, count, timeout)));
            return 0;
        }
    }

    /** Bounded loops: every count and duration a client takes has a ceiling. */
    static final class Bounds {
        static void check(long value, long min, long max, String name) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", not " + value);
            }
        }
    }
}
