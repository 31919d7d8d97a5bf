package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Duration;

/**
 * Health probe of a link, sent through that link only: every interval, one probe by method to each target;
 * a round is up when at least reliability targets answered within timeout. down rounds in a row that are not up
 * mark the link down, up rounds in a row that are up mark it up again; quality, if given, marks a link that is up
 * but lossy or slow as degraded. An empty target list (Check.none()) means the link is not probed.
 */
public record Check(Method method, List<String> targets, int reliability, Duration interval, Duration timeout,
                    int down, int up, Option<Quality> quality) {
    /**
     * With these a dead link is marked down at most down * interval + timeout = 0.95 s after it died (the next
     * round starts within an interval, and its probe and three more are lost), 0.85 s on average. Chosen by
     * measurement (bench/probe-defaults.sh, docs/performance.md): a line losing 10 % of its packets both ways loses
     * a round of two targets with p ≈ 0.036, and 4 lost rounds in a row (p ≈ 1.7e-6) are rare enough for no false
     * down in 10 minutes on 3 such lines, where 3 in a row (p ≈ 4.7e-5) are not. 150 ms is well above the round
     * trip of a terrestrial Internet path; links slower than that (satellite, some LTE) need a longer timeout.
     */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(150);
    public static final int DEFAULT_DOWN = 4, DEFAULT_UP = 4;
    public static final int DEFAULT_RELIABILITY = 1;
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100), MAX_INTERVAL = Duration.ofHours(1);
    /** Below this a timeout measures the scheduler rather than the link. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
    public static final int MAX_ROUNDS = 100;

    public Check {
        if (targets.distinct().size() != targets.size()) throw new IllegalArgumentException("duplicate targets " + targets);
        if (reliability < 1 || reliability > Math.max(1, targets.size())) {
            throw new IllegalArgumentException("reliability " + reliability + " for " + targets.size() + " targets");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval " + interval);
        }
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("timeout " + timeout + " with interval " + interval);
        }
        if (down < 1 || down > MAX_ROUNDS || up < 1 || up > MAX_ROUNDS) {
            throw new IllegalArgumentException("down " + down + ", up " + up);
        }
        if (quality.flatMap(Quality::maxRtt).exists(rtt -> rtt.compareTo(timeout) >= 0)) {
            throw new IllegalArgumentException("max_rtt not below timeout " + timeout);
        }
    }

    /** No [link.check]: the link is not probed, and counts as up. */
    public static Check none() {
        return new Check(new Method.Icmp(), List.empty(), DEFAULT_RELIABILITY, DEFAULT_INTERVAL, DEFAULT_TIMEOUT,
                DEFAULT_DOWN, DEFAULT_UP, Option.none());
    }

    public boolean probes() {
        return !targets.isEmpty();
    }

    /** How a target is asked whether the link works. */
    public sealed interface Method {
        int MIN_PORT = 1, MAX_PORT = 65535;

        /** The word the spec uses: "icmp", "tcp", "http", "https" or "dns". */
        String keyword();

        /** An ICMP echo request; the target answers with an echo reply. */
        record Icmp() implements Method {
            @Override
            public String keyword() {
                return "icmp";
            }
        }

        /** A TCP connection to port. */
        record Tcp(int port) implements Method {
            public Tcp {
                checkPort(port);
            }

            @Override
            public String keyword() {
                return "tcp";
            }
        }

        /** An HTTP GET of path from the target (over TLS when tls), with Host host or the target; expect is the status wanted. */
        record Http(boolean tls, int port, String path, int expect, Option<String> host) implements Method {
            public static final int DEFAULT_HTTP_PORT = 80, DEFAULT_HTTPS_PORT = 443, DEFAULT_EXPECT = 200;
            public static final String DEFAULT_PATH = "/";

            public Http {
                checkPort(port);
                if (!Names.isHttpPath(path)) throw new IllegalArgumentException("path " + path);
                if (expect < 100 || expect > 599) throw new IllegalArgumentException("expect " + expect);
                if (host.exists(h -> !Names.isHost(h))) throw new IllegalArgumentException("host " + host);
            }

            @Override
            public String keyword() {
                return tls ? "https" : "http";
            }
        }

        /** A DNS query for name, type record, sent to port. */
        record Dns(int port, String name, DnsRecord record) implements Method {
            public static final int DEFAULT_PORT = 53;

            public Dns {
                checkPort(port);
                if (!Names.isDnsName(name)) throw new IllegalArgumentException("name " + name);
            }

            @Override
            public String keyword() {
                return "dns";
            }
        }

        private static void checkPort(int port) {
            if (port < MIN_PORT || port > MAX_PORT) throw new IllegalArgumentException("port " + port);
        }
    }

    public enum DnsRecord { A, AAAA, NS, SOA }

    /**
     * Over the last window rounds: more than maxLossPercent of the probes lost, or round trips above maxRtt,
     * mark an up link degraded. At least one of the two is given.
     */
    public record Quality(Option<Integer> maxLossPercent, Option<Duration> maxRtt, int window) {
        public static final int DEFAULT_WINDOW = 20, MIN_WINDOW = 5, MAX_WINDOW = 1000;
        public static final Duration MIN_RTT = Duration.ofMillis(1);

        public Quality {
            if (maxLossPercent.isEmpty() && maxRtt.isEmpty()) throw new IllegalArgumentException("no threshold");
            if (maxLossPercent.exists(p -> p < 1 || p > 99)) throw new IllegalArgumentException("max_loss " + maxLossPercent);
            if (maxRtt.exists(r -> r.compareTo(MIN_RTT) < 0)) throw new IllegalArgumentException("max_rtt " + maxRtt);
            if (window < MIN_WINDOW || window > MAX_WINDOW) throw new IllegalArgumentException("window " + window);
        }
    }
}
