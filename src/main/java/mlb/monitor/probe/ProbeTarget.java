package mlb.monitor.probe;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** What to probe through a link. Targets are addresses: resolving a name would itself need a working link. */
public sealed interface ProbeTarget {
    InetAddress address();

    /** A short form for logs: "icmp 198.19.0.1", "http 198.19.0.1:80/health", "dns 198.19.0.1:53 . NS". */
    String describe();

    <R> R accept(Cases<R> cases);

    /** One method per kind, so that a new kind does not compile until every prober handles it. */
    interface Cases<R> {
        R icmp(Icmp target);

        R tcp(Tcp target);

        R http(Http target);

        R dns(Dns target);
    }

    /** An ICMP echo request. */
    record Icmp(InetAddress address) implements ProbeTarget {
        public Icmp {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String describe() {
            return "icmp " + address.getHostAddress();
        }

        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.icmp(this);
        }
    }

    /**
     * A TCP connection that must complete its handshake. A refusal (RST) counts as a failure, as in haproxy's and
     * keepalived's TCP checks: a reset can come from anything on the path (a captive portal, an ISP's reject, a
     * local firewall's `reject with tcp reset`), and a service refused on every link makes them all fail at once,
     * which the monitor treats as all_down and does nothing destructive about. Use icmp to probe the path alone.
     */
    record Tcp(InetAddress address, int port) implements ProbeTarget {
        public Tcp {
            Objects.requireNonNull(address, "address");
            requirePort(port);
        }

        @Override
        public String describe() {
            return "tcp " + Http.authority(address, port);
        }

        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.tcp(this);
        }
    }

    /**
     * `GET path HTTP/1.1` with `Host: host` and `Connection: close`; only the status line is read, and it must
     * carry expect. With TLS, the certificate is checked ({@link Tls#VERIFY}: the JDK's trust store, and the name
     * in host) or not ({@link Tls#NO_VERIFY}); see {@link #https}.
     */
    record Http(InetAddress address, int port, String path, String host, int expect, Tls tls) implements ProbeTarget {
        private static final Pattern PATH = Pattern.compile("/[!-~]{0,1023}");
        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,255}");
        private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

        public Http {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(tls, "tls");
            requirePort(port);
            if (path == null || !PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("an http path starts with / and has no spaces: " + path);
            }
            if (host == null || !HOST.matcher(host).matches()) throw new IllegalArgumentException("invalid host: " + host);
            if (expect < 100 || expect > 599) throw new IllegalArgumentException("an http status is 100..599: " + expect);
        }

        /** Plain http to address:port, Host = the address, expecting 200. */
        public static Http plain(InetAddress address, int port, String path) {
            return new Http(address, port, path, literal(address), 200, Tls.NONE);
        }

        /**
         * https expecting 200. With a server name, it is sent as SNI and the Host header and the certificate
         * must be valid for it. Without one (the target is only an address) there is no name a certificate could
         * match, so the certificate is not checked: the probe then proves that the link reaches a TLS server that
         * answers the expected status, which is what a health check of the path needs; it sends no secrets.
         */
        public static Http https(InetAddress address, int port, String path, Optional<String> serverName) {
            return new Http(address, port, path, serverName.orElse(literal(address)), 200,
                    serverName.isPresent() ? Tls.VERIFY : Tls.NO_VERIFY);
        }

        public Http withExpect(int status) {
            return new Http(address, port, path, host, status, tls);
        }

        /** Whether host is a DNS name (SNI and certificate names) rather than an address literal. */
        public boolean hostIsName() {
            return !IPV4.matcher(host).matches() && !host.contains(":") && !host.startsWith("[");
        }

        /** The Host header's value: host, with the port when it is not the scheme's default. */
        String hostHeader() {
            int standard = tls == Tls.NONE ? 80 : 443;
            return port == standard ? host : host + ":" + port;
        }

        @Override
        public String describe() {
            return (tls == Tls.NONE ? "http " : "https ") + authority(address, port) + path;
        }

        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.http(this);
        }

        static String literal(InetAddress a) {
            return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        }

        static String authority(InetAddress a, int port) {
            return literal(a) + ":" + port;
        }
    }

    enum Tls {
        NONE, VERIFY, NO_VERIFY
    }

    /**
     * A DNS query (RD set) for name and type over UDP. A reply with our id and rcode NOERROR or NXDOMAIN counts
     * as answered: either needs the query to reach the server and the reply to come back through the link, and
     * a name that stops existing must not read as a dead link. Any other rcode (SERVFAIL, REFUSED) is a failure.
     */
    record Dns(InetAddress address, int port, String name, RecordType type) implements ProbeTarget {
        public Dns {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(type, "type");
            requirePort(port);
            DnsMessage.encodeName(name);
        }

        public static Dns of(InetAddress address, String name, RecordType type) {
            return new Dns(address, 53, name, type);
        }

        @Override
        public String describe() {
            return "dns " + Http.authority(address, port) + " " + name + " " + type;
        }

        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.dns(this);
        }
    }

    enum RecordType {
        A(1), NS(2), SOA(6), AAAA(28);

        final int code;

        RecordType(int code) {
            this.code = code;
        }
    }

    private static void requirePort(int port) {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("a port is 1..65535: " + port);
    }
}
