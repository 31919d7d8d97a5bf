package mlb.monitor.probe;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/** Short failure reasons for log lines, from the exceptions sockets throw. */
final class Failures {
    private static final int MAX = 100;

    private Failures() {
    }

    static Outcome.Failed of(IOException e, Deadline deadline, InetAddress source) {
        if (e instanceof SocketTimeoutException || deadline.passed()) return Outcome.timeout();
        if (e instanceof BindException) return new Outcome.Failed("cannot bind to " + source.getHostAddress() + ": " + text(e));
        if (e instanceof NoRouteToHostException) return new Outcome.Failed("no route to host");
        if (e instanceof PortUnreachableException) return new Outcome.Failed("port unreachable");
        if (e instanceof SSLException) return new Outcome.Failed("tls: " + tls(e));
        String t = text(e);
        if (t.contains("connection refused")) return new Outcome.Failed("connection refused");
        if (t.contains("timed out")) return Outcome.timeout();
        if (t.contains("network is unreachable")) return new Outcome.Failed("network unreachable");
        return new Outcome.Failed(t);
    }

    /** The JDK's TLS messages are long; the certificate ones get a name a reader recognises. */
    private static String tls(IOException e) {
        String t = text(e);
        if (t.contains("pkix") || t.contains("unable to find valid certification path")) return "certificate not trusted";
        if (t.contains("no subject alternative") || t.contains("no name matching")) return "certificate does not match the name";
        return t;
    }

    static String text(Throwable e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return shorten(m.toLowerCase(Locale.ROOT));
    }

    static String shorten(String s) {
        String one = s.replaceAll("[\\r\\n\\t]+", " ").strip();
        return one.length() <= MAX ? one : one.substring(0, MAX - 3) + "...";
    }
}
