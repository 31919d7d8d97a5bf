package mlb.spec;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.spec.Check.DnsRecord;
import mlb.spec.Check.Method;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/** [link.check]: what to probe through a link, how, and how quickly to change its state. */
final class CheckRules {
    private static final String TARGET = "\"192.0.2.53\"";
    private static final String TARGETS = "[" + TARGET + "]";
    private static final String TARGET_HINT =
            "write the address of a host beyond this link that answers probes, e.g. " + TARGET;

    /** The methods, each with the keys only it reads besides the common ones. */
    private enum Kind {
        ICMP(List.empty()), TCP(List.of("port")), HTTP(List.of("port", "path", "expect", "host")),
        HTTPS(List.of("port", "path", "expect", "host")), DNS(List.of("port", "name", "record"));

        final List<String> keys;

        Kind(List<String> keys) {
            this.keys = keys;
        }

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The keys only some methods read, each with its value rule and the method a misplaced one suggests. */
    private record Specific(String method, Function<Node, Validation<Diagnostic, ?>> rule) {
    }

    private static final Map<String, Specific> SPECIFIC = LinkedHashMap.of(
            "port", new Specific("tcp", n -> port(n, "443")),
            "path", new Specific("http", CheckRules::path),
            "expect", new Specific("http", CheckRules::expect),
            "host", new Specific("http", CheckRules::host),
            "name", new Specific("dns", CheckRules::dnsName),
            "record", new Specific("dns", CheckRules::record));

    private CheckRules() {
    }

    static Validation<List<Diagnostic>, Check> read(Option<Node> node) {
        if (node.isEmpty()) return Validation.valid(Check.none());
        Node t = node.get();
        if (!t.isTable()) {
            return Validation.invalid(List.of(t.problem(Code.WRONG_TYPE, "expected a table, found " + t.typeName(),
                    "write [link.check] on a line of its own, with targets = " + TARGETS + " below it")));
        }
        Validation<List<Diagnostic>, List<String>> targets =
                Problems.one(Fields.required(t, "targets", TARGETS)).flatMap(CheckRules::targets);
        Validation<Diagnostic, Duration> interval = Fields.optional(t, "interval",
                        n -> Durations.read(n, "\"500ms\"", Check.MIN_INTERVAL, Check.MAX_INTERVAL))
                .map(o -> o.getOrElse(Check.DEFAULT_INTERVAL));
        Validation<Diagnostic, Duration> timeout = Timing.timeout(t, interval);
        return Problems.with(Keys.unknown(t, Keys.CHECK), Problems.flat(Validation.combine(
                method(t),
                targets,
                Problems.one(reliability(t, targets)),
                Problems.one(interval),
                Problems.one(timeout),
                Problems.one(rounds(t, "down", Check.DEFAULT_DOWN)),
                Problems.one(rounds(t, "up", Check.DEFAULT_UP)),
                Timing.quality(t, timeout)
        ).ap(Check::new)));
    }

    private static Validation<List<Diagnostic>, Method> method(Node t) {
        Validation<Diagnostic, Kind> kind = Fields.optional(t, "method",
                        n -> Fields.oneOf(n, List.of(Kind.values()).map(Kind::word), "\"icmp\""))
                .map(o -> Kind.valueOf(o.getOrElse("icmp").toUpperCase(Locale.ROOT)));
        if (kind.isInvalid()) {
            // Without a method no key is misplaced or missing, but a wrong value is wrong for every method.
            return Validation.invalid(List.of(kind.getError()).appendAll(SPECIFIC.toList()
                    .flatMap(s -> t.get(s._1).toList().flatMap(n -> Problems.of(s._2.rule().apply(n))))));
        }
        Kind k = kind.get();
        List<Diagnostic> misplaced = SPECIFIC.toList().filter(s -> !k.keys.contains(s._1))
                .flatMap(s -> t.get(s._1).map(n -> n.keyProblem(Code.NOT_HERE, s._1 + " is not used by method \"" + k.word() + "\"",
                        "remove " + s._1 + ", or write method = \"" + s._2.method() + "\"")));
        return Problems.with(misplaced, switch (k) {
            case ICMP -> Validation.valid(new Method.Icmp());
            case TCP -> Problems.one(Fields.requiredFor(t, "port", "443", "for method \"tcp\"")
                    .flatMap(n -> port(n, "443")).map(Method.Tcp::new));
            case HTTP -> http(t, false);
            case HTTPS -> http(t, true);
            case DNS -> dns(t);
        });
    }

    private static Validation<List<Diagnostic>, Method> http(Node t, boolean tls) {
        int defaultPort = tls ? Method.Http.DEFAULT_HTTPS_PORT : Method.Http.DEFAULT_HTTP_PORT;
        return Problems.all(Validation.combine(
                Fields.optional(t, "port", n -> port(n, String.valueOf(defaultPort))).map(o -> o.getOrElse(defaultPort)),
                Fields.optional(t, "path", CheckRules::path).map(o -> o.getOrElse(Method.Http.DEFAULT_PATH)),
                Fields.optional(t, "expect", CheckRules::expect).map(o -> o.getOrElse(Method.Http.DEFAULT_EXPECT)),
                Fields.optional(t, "host", CheckRules::host)
        ).ap((port, path, expect, host) -> new Method.Http(tls, port, path, expect, host)));
    }

    private static Validation<List<Diagnostic>, Method> dns(Node t) {
        return Problems.all(Validation.combine(
                Fields.optional(t, "port", n -> port(n, "53")).map(o -> o.getOrElse(Method.Dns.DEFAULT_PORT)),
                Fields.requiredFor(t, "name", "\"example.com\"", "for method \"dns\"").flatMap(CheckRules::dnsName),
                Fields.optional(t, "record", CheckRules::record).map(o -> o.getOrElse(DnsRecord.A))
        ).ap(Method.Dns::new));
    }

    private static Validation<Diagnostic, Integer> port(Node n, String example) {
        return Fields.integer(n, example, Method.MIN_PORT, Method.MAX_PORT);
    }

    private static Validation<Diagnostic, Integer> expect(Node n) {
        return Fields.integer(n, "200", 100, 599);
    }

    private static Validation<Diagnostic, String> path(Node n) {
        return Fields.string(n, "\"/health\"").flatMap(s -> {
            if (Names.isHttpPath(s)) return Validation.valid(s);
            if (s.length() > Names.MAX_PATH) {
                return Validation.invalid(n.problem(Code.BAD_VALUE, "longer than " + Names.MAX_PATH + " characters",
                        "write a shorter path, e.g. path = \"/health\""));
            }
            String fixed = Problems.quote((s.startsWith("/") ? "" : "/") + percentEncoded(s));
            if (!s.startsWith("/")) {
                return Validation.invalid(n.problem(Code.BAD_VALUE, "an HTTP path starts with \"/\", found " + Problems.quote(s),
                        "write path = " + fixed));
            }
            return Validation.invalid(n.problem(Code.BAD_VALUE, "not an HTTP path: " + Problems.quote(s),
                    "write printable ASCII without spaces, percent-encoding the rest, e.g. path = " + fixed));
        });
    }

    /** Every byte outside printable ASCII (and the space) as %XX, as a browser would send it. */
    private static String percentEncoded(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            if (b > 0x20 && b < 0x7f) out.append((char) b);
            else out.append(String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }

    private static Validation<Diagnostic, String> host(Node n) {
        return Fields.string(n, "\"example.com\"").flatMap(s -> Names.isHost(s) ? Validation.valid(s)
                : Validation.invalid(n.problem(Code.BAD_VALUE, "not a host name: " + Problems.quote(s),
                "write the name the server expects, e.g. host = \"example.com\", "
                        + "or leave host out to send the target's address")));
    }

    private static Validation<Diagnostic, String> dnsName(Node n) {
        return Fields.string(n, "\"example.com\"").flatMap(s -> {
            if (Names.isDnsName(s)) return Validation.valid(s);
            if (s.equals(".")) {
                return Validation.invalid(n.problem(Code.BAD_VALUE, "not a name to look up: \".\" is the root",
                        "write the name the target should answer for, e.g. name = \"example.com\""));
            }
            boolean ascii = s.chars().allMatch(c -> c < 0x80);
            return Validation.invalid(n.problem(Code.BAD_VALUE, "not a DNS name: " + Problems.quote(s),
                    "write labels of letters, digits and inner hyphens, 1-63 each, separated by dots, "
                            + "e.g. name = \"example.com\"" + (ascii ? "" : "; an internationalized name in its xn-- form")));
        });
    }

    private static Validation<Diagnostic, DnsRecord> record(Node n) {
        return Fields.oneOf(n, List.of(DnsRecord.values()).map(Enum::name), "\"A\"").map(DnsRecord::valueOf);
    }

    /** An empty list would probe nothing yet mark the link down: leaving [link.check] out says that better. */
    private static Validation<List<Diagnostic>, List<String>> targets(Node n) {
        return Problems.one(Fields.array(n, "write targets = " + TARGETS)).flatMap(items -> items.isEmpty()
                ? Validation.invalid(List.of(n.problem(Code.MISSING_KEY, "at least one target is required",
                "write targets = " + TARGETS + ", or remove [link.check] to not probe this link")))
                : Fields.unique(items, "target", i -> Addresses.target(i, TARGET, TARGET_HINT)));
    }

    /** Checked against the number of targets only when those are valid, so one mistake is reported once. */
    private static Validation<Diagnostic, Integer> reliability(Node t, Validation<List<Diagnostic>, List<String>> targets) {
        return Fields.optional(t, "reliability", n -> Fields.integer(n, "1").flatMap(v -> {
            int most = targets.map(List::size).getOrElse(Integer.MAX_VALUE);
            if (Fields.within(v, 1, most)) return Validation.valid(v.intValue());
            if (targets.isInvalid()) {
                return Validation.invalid(n.problem(Code.OUT_OF_RANGE, "must be at least 1, found " + v, "write reliability = 1"));
            }
            return Validation.invalid(n.problem(Code.OUT_OF_RANGE, "must be 1.." + most + ", the number of targets, found " + v,
                    v.signum() <= 0 || most == 1 ? "write reliability = 1" + (most == 1 ? ", or list more targets" : "")
                            : "write reliability = " + most + " or less, or list more targets"));
        })).map(o -> o.getOrElse(Check.DEFAULT_RELIABILITY));
    }

    private static Validation<Diagnostic, Integer> rounds(Node t, String key, int fallback) {
        return Fields.optional(t, key, n -> Fields.integer(n, String.valueOf(fallback), 1, Check.MAX_ROUNDS))
                .map(o -> o.getOrElse(fallback));
    }
}
