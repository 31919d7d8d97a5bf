package mlb.lab;

import mlb.lab.traffic.DownloadReport;
import mlb.lab.traffic.Json;
import mlb.lab.traffic.ProbeReport;
import mlb.lab.traffic.WhoamiReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the traffic client on the LAN host (a JVM under `ip netns exec PREFIX-lan`) and reads its JSON report.
 * Every run has a deadline; a client that overstays it is killed by its pid.
 */
public final class LanClient {
    private final Topology topology;
    private final LabJvm jvm;

    public LanClient(Topology topology) {
        this(topology, LabJvm.current());
    }

    LanClient(Topology topology, LabJvm jvm) {
        this.topology = topology;
        this.jvm = jvm;
    }

    /** count connections spread over the given servers; reports the source each was seen from. */
    public WhoamiReport whoami(int count, List<String> servers) {
        List<String> args = new ArrayList<>(List.of("client", "whoami", "--count", String.valueOf(count)));
        args.addAll(serverArgs(servers));
        // The client's own bound is two 3 s timeouts per round of 16 connections; this only catches a hung JVM.
        return start(args, Duration.ofSeconds(20 + count * 6 / 16), WhoamiReport.class).await();
    }

    public Pending<DownloadReport> download(int parallel, long bytes, List<String> servers, Duration deadline) {
        return download(parallel, bytes, servers, deadline, mlb.lab.traffic.DownloadClient.STALL, 0);
    }

    /**
     * stall: how long a download may receive nothing before it counts as broken; pace: bytes a second each one
     * is sent at (0: as fast as the line allows).
     */
    public Pending<DownloadReport> download(int parallel, long bytes, List<String> servers, Duration deadline, Duration stall,
                                            long pace) {
        List<String> args = new ArrayList<>(List.of("client", "download", "--parallel", String.valueOf(parallel),
                "--bytes", String.valueOf(bytes), "--deadline", deadline.toSeconds() + "s", "--stall", stall.toMillis() + "ms",
                "--pace", String.valueOf(pace)));
        args.addAll(serverArgs(servers));
        return start(args, deadline.plusSeconds(30), DownloadReport.class);
    }

    public Pending<ProbeReport> probe(Duration duration, Duration interval, Duration timeout, List<String> servers) {
        List<String> args = new ArrayList<>(List.of("client", "probe", "--duration", duration.toMillis() + "ms",
                "--interval", interval.toMillis() + "ms", "--timeout", timeout.toMillis() + "ms"));
        args.addAll(serverArgs(servers));
        return start(args, duration.plusSeconds(20), ProbeReport.class);
    }

    /** count passive FTP sessions to the first server, one after another. */
    public mlb.lab.traffic.FtpClient.Report ftp(int count) {
        List<String> args = List.of("client", "ftp", "--count", String.valueOf(count), "--server", topology.server());
        return start(args, Duration.ofSeconds(20 + count * 6L), mlb.lab.traffic.FtpClient.Report.class).await();
    }

    private static List<String> serverArgs(List<String> servers) {
        List<String> args = new ArrayList<>();
        for (String s : servers) args.addAll(List.of("--server", s));
        return args;
    }

    private <T> Pending<T> start(List<String> args, Duration limit, Class<T> type) {
        Process p;
        try {
            p = new ProcessBuilder(jvm.argv(topology.lanNs(), args))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new LabException(LabException.FAILED, "cannot start the traffic client: " + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        return new Pending<>(p, out, err, limit, type);
    }

    private static String drain(InputStream s) {
        try (s) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A client run in progress. */
    public static final class Pending<T> {
        private final Process process;
        private final CompletableFuture<String> out;
        private final CompletableFuture<String> err;
        private final long deadline;
        private final Class<T> type;

        Pending(Process process, CompletableFuture<String> out, CompletableFuture<String> err, Duration limit,
                Class<T> type) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.deadline = System.nanoTime() + limit.toNanos();
            this.type = type;
        }

        public T await() {
            try {
                long wait = Math.max(0, deadline - System.nanoTime());
                if (!process.waitFor(wait, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                    throw new LabException(LabException.FAILED, "the traffic client overran its deadline");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new LabException(LabException.FAILED, "interrupted");
            }
            String stdout = out.join();
            if (process.exitValue() != 0) throw new LabException(LabException.FAILED, failure(process.exitValue(), err.join()));
            return Json.read(stdout, type);
        }
    }

    /** Why a client run ended badly; one stopped by a signal (Ctrl-C: exit 130) has usually said nothing. */
    static String failure(int exit, String stderr) {
        String why = stderr.strip();
        if (!why.isEmpty()) return "the traffic client failed (exit " + exit + "): " + why;
        return exit > 128 ? "the traffic client was stopped (exit " + exit + ", signal " + (exit - 128) + ")"
                : "the traffic client failed (exit " + exit + ") without saying why";
    }
}
