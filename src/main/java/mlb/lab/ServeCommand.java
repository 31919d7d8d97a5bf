package mlb.lab;

import mlb.lab.traffic.Protocol;
import mlb.lab.traffic.TrafficServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;

@Command(name = "serve", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = {"Run the traffic server in the current namespace until killed (the lab runs it in "
                + "PREFIX-inet).",
                "Each connection gets one line with the source address it came from; `get N` then streams N bytes."})
final class ServeCommand extends LabTask {
    @Option(names = "--port", defaultValue = "" + Protocol.DEFAULT_PORT, paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDR", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--also-port", paramLabel = "PORT",
            description = "a second port answering the same, e.g. 21 for FTP sessions (the lab's server does)")
    Integer alsoPort;

    @Override
    int run() {
        try (TrafficServer server = new TrafficServer(InetAddress.getByName(bind), port);
             TrafficServer second = alsoPort == null ? null : new TrafficServer(InetAddress.getByName(bind), alsoPort)) {
            if (second != null) {
                Thread t = new Thread(second::serve, "lab-serve-" + alsoPort);
                t.setDaemon(true);
                t.start();
            }
            out().println("listening on " + bind + ":" + server.port() + (second == null ? "" : " and :" + second.port()));
            out().flush();
            server.serve();
            return 0;
        } catch (IOException e) {
            throw new LabException(LabException.FAILED, "cannot serve on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
    }
}
