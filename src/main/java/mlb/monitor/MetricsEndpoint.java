package mlb.monitor;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.engine.Refusal;
import mlb.proc.Target;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * Where the metrics are served, in the words a person reads: the URL, the warning a wildcard address earns (the
 * figures say which links the router has and how they fare), and why serving failed.
 */
final class MetricsEndpoint {
    private MetricsEndpoint() {
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        if (!(a.getAddress() instanceof Inet6Address)) return host + ":" + a.getPort();
        // Java writes every group (0:0:0:0:0:0:0:1); people write the zeros as :: (::1).
        return "[" + host.replaceAll("%.*", "").replaceFirst("(^|:)(0(:|$)){2,}", "::") + "]:" + a.getPort();
    }

    static String url(InetSocketAddress a) {
        return "http://" + hostPort(a) + "/metrics";
    }

    /** The warning for an address every interface answers on, none for one interface's (loopback's). */
    static Option<String> exposure(InetSocketAddress a, Target target) {
        if (!a.getAddress().isAnyLocalAddress()) return Option.none();
        return Option.some("warning: the metrics on " + hostPort(a) + " are served on every interface of " + target
                + " (the LAN and the ISP side too): link names, states, rtts and traffic counters to anyone who asks;"
                + " give --metrics " + a.getPort() + " for loopback, or the address of one interface");
    }

    /** Serving failed: a port in use is temporary (75), an address that is no interface's a usage error (64). */
    static Refusal refusal(InetSocketAddress a, IOException e, Target target) {
        String what = "cannot serve metrics on " + hostPort(a) + ": ";
        String text = String.valueOf(e.getMessage());
        if (e instanceof BindException && text.contains("in use")) {
            return Refusal.of(Refusal.Reason.BUSY, what + "the port is in use", List.of("nothing was changed",
                    "stop what listens on " + hostPort(a) + " in " + target + ", or give another port to --metrics"));
        }
        if (e instanceof BindException && text.contains("assign")) {
            return Refusal.of(Refusal.Reason.USAGE, what + "no interface of " + target + " has the address "
                    + a.getAddress().getHostAddress(), List.of("nothing was changed",
                    "the address is looked up where the monitor runs (with --netns, inside the namespace)"));
        }
        return Refusal.of(Refusal.Reason.FAILED, what + text, List.of("nothing was changed"));
    }
}
