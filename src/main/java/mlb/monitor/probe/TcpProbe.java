package mlb.monitor.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** A TCP handshake from the link's own address (port 0), so that the `from` rule sends it through the link. */
final class TcpProbe {
    private TcpProbe() {
    }

    static Outcome attempt(ProbeLink link, ProbeTarget.Tcp target, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        long start = System.nanoTime();
        try (Socket s = connect(link, target.address(), target.port(), deadline)) {
            return new Outcome.Answered(Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            return Failures.of(e, deadline, link.source());
        }
    }

    /** A connected socket bound to the link's address; the caller closes it. */
    static Socket connect(ProbeLink link, InetAddress address, int port, Deadline deadline) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.bind(new InetSocketAddress(link.source(), 0));
            s.connect(new InetSocketAddress(address, port), deadline.millisLeft());
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
