package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules for [[pin]] tables, each taken alone and against the links' names. */
final class PinRules {
    static final List<String> KEYS = List.of("name", "proto", "dport", "sport", "dst", "dst_file", "src", "src_file", "links");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");
    private static final String PORTS = "write ports as numbers or \"first-last\" ranges, e.g. dport = [22, 443, \"8000-8099\"]";

    private PinRules() {
    }

    static Validation<List<Diagnostic>, List<Pin>> read(Option<Node> pins, Option<List<String>> linkNames, ListFiles files) {
        if (pins.isEmpty()) return Validation.valid(List.empty());
        Node p = pins.get();
        if (!(p.value() instanceof List)) {
            return Validation.invalid(List.of(p.problem(Code.WRONG_TYPE, "expected [[pin]] tables, found " + p.typeName(),
                    "write [[pin]], with double brackets, above each pin's keys")));
        }
        return Problems.all(Validation.sequence(p.array().zipWithIndex().map(t -> pin(t._1, t._2, linkNames, files))))
                .map(List::ofAll);
    }

    /** Route mode gives each pin a rule priority of its own, and its range has room for ROUTE_MODE_LIMIT. */
    static List<Diagnostic> routeModeLimit(Node root, Balancer b) {
        if (b.mode() != Balancer.Mode.ROUTE) return List.empty();
        return root.get("pin").filter(p -> p.array().size() > Pin.ROUTE_MODE_LIMIT).toList()
                .map(p -> p.array().get(Pin.ROUTE_MODE_LIMIT).problem(Code.OUT_OF_RANGE, "route mode has rule priorities for "
                        + Pin.ROUTE_MODE_LIMIT + " pins, and this is pin " + (Pin.ROUTE_MODE_LIMIT + 1),
                        "merge pins that go to the same links (each takes lists of ports and prefixes), or use mode = \"connmark\""));
    }

    private static Validation<List<Diagnostic>, Pin> pin(Node t, int index, Option<List<String>> linkNames, ListFiles files) {
        if (!t.isTable()) return Validation.invalid(List.of(t.problem(Code.WRONG_TYPE, "expected a table, found " + t.typeName(), "write each pin as a [[pin]] table")));
        Validation<Diagnostic, String> proto = Fields.optional(t, "proto", PinRules::proto).map(o -> o.getOrElse(""));
        Validation<List<Diagnostic>, Pin> pin = Validation.combine(
                        Problems.one(Fields.optional(t, "name", n -> Fields.string(n, "\"ssh\"")).map(o -> o.getOrElse("pin" + (index + 1)))),
                        Problems.one(proto),
                        ports(t, "dport"), ports(t, "sport"),
                        prefixes(t, "dst", files), prefixes(t, "src", files),
                        links(t, linkNames))
                .ap((n, pr, dp, sp, d, s, l) -> new Pin(n, pr, dp, sp, d, s, l, listed(t))).mapError(List::ofAll).mapError(ls -> ls.flatMap(x -> x));
        List<Diagnostic> extra = Keys.unknown(t, KEYS).appendAll(portsNeedProto(t, proto));
        return Problems.with(extra, pin).flatMap(x -> matchesSomething(t, x));
    }

    private static boolean listed(Node t) {
        return t.get("dst_file").isDefined() || t.get("src_file").isDefined();
    }

    private static Validation<Diagnostic, String> proto(Node n) {
        return Fields.string(n, "\"tcp\"").flatMap(s -> s.matches("tcp|udp|icmp|\\d{1,3}") && (!s.matches("\\d+") || Integer.parseInt(s) <= 255)
                ? Validation.valid(s)
                : Validation.invalid(n.problem(Code.BAD_VALUE, "not a protocol: " + Problems.quote(s), "write proto = \"tcp\", \"udp\", \"icmp\" or a number 0..255")));
    }

    private static List<Diagnostic> portsNeedProto(Node t, Validation<Diagnostic, String> proto) {
        boolean ported = t.get("dport").isDefined() || t.get("sport").isDefined();
        if (!ported || proto.isInvalid() || proto.get().equals("tcp") || proto.get().equals("udp")) return List.empty();
        Node at = t.get("dport").orElse(t.get("sport")).get();
        return List.of(at.keyProblem(proto.get().isEmpty() ? Code.MISSING_KEY : Code.CONFLICT, "ports need proto = \"tcp\" or \"udp\"" + (proto.get().isEmpty() ? "" : ", not " + Problems.quote(proto.get())),
                "add proto = \"tcp\" (or \"udp\") to this [[pin]]"));
    }

    private static Validation<List<Diagnostic>, List<Pin.Ports>> ports(Node t, String key) {
        if (t.get(key).isEmpty()) return Validation.valid(List.empty());
        return Problems.one(Fields.array(t.get(key).get(), PORTS)).flatMap(items ->
                Problems.all(Validation.sequence(items.map(i -> port(i).mapError(List::of)))).map(List::ofAll)
                        .flatMap(ports -> disjoint(items, ports)));
    }

    /** Ports and ranges of one list may not overlap (nftables refuses overlapping intervals in a set). */
    private static Validation<List<Diagnostic>, List<Pin.Ports>> disjoint(List<Node> items, List<Pin.Ports> ports) {
        for (int j = 1; j < ports.size(); j++) {
            for (int i = 0; i < j; i++) {
                Pin.Ports a = ports.get(i), b = ports.get(j);
                if (b.first() > a.last() || b.last() < a.first()) continue;
                String merged = Math.min(a.first(), b.first()) + "-" + Math.max(a.last(), b.last());
                return Validation.invalid(List.of(items.get(j).problem(Code.OVERLAP, text(b) + " overlaps " + text(a) + " before it",
                        "write each port once: \"" + merged + "\" covers both")));
            }
        }
        return Validation.valid(ports);
    }

    private static String text(Pin.Ports p) {
        return p.first() == p.last() ? "port " + p.first() : "range \"" + p.first() + "-" + p.last() + "\"";
    }

    private static Validation<Diagnostic, Pin.Ports> port(Node n) {
        if (n.value() instanceof java.math.BigInteger v) {
            return Fields.within(v, 1, 65535) ? Validation.valid(new Pin.Ports(v.intValue(), v.intValue()))
                    : Validation.invalid(n.problem(Code.OUT_OF_RANGE, "not a port: " + v, "use 1..65535"));
        }
        if (n.value() instanceof String s) {
            Matcher m = RANGE.matcher(s.trim());
            if (m.matches()) {
                int first = Integer.parseInt(m.group(1)), last = Integer.parseInt(m.group(2));
                if (first < 1 || last > 65535) return Validation.invalid(n.problem(Code.OUT_OF_RANGE, "not a port range: " + Problems.quote(s), "use ports 1..65535"));
                if (first > last) return Validation.invalid(n.problem(Code.BAD_VALUE, "reversed port range " + Problems.quote(s), "write \"" + last + "-" + first + "\""));
                return Validation.valid(new Pin.Ports(first, last));
            }
        }
        return Validation.invalid(n.problem(Code.BAD_VALUE, "not a port or range: " + n.value(), PORTS));
    }

    /** The key's list and its file's (key_file) together, without prefixes another one covers. */
    private static Validation<List<Diagnostic>, List<String>> prefixes(Node t, String key, ListFiles files) {
        Validation<List<Diagnostic>, List<String>> given = t.get(key).isEmpty() ? Validation.valid(List.empty())
                : Problems.one(Fields.array(t.get(key).get(), "write " + key + " = [\"198.51.100.0/24\"]"))
                .flatMap(items -> Fields.unique(items, "prefix", i -> Addresses.prefix(i, "\"198.51.100.0/24\"")));
        Validation<List<Diagnostic>, long[]> listed = t.get(key + "_file")
                .map(f -> PrefixList.read(f, files)).getOrElse(Validation.valid(new long[0]));
        return Validation.combine(given, listed).ap(Ipv4::outermost)
                .mapError(ls -> List.ofAll(ls).flatMap(x -> x));
    }

    private static Validation<List<Diagnostic>, List<String>> links(Node t, Option<List<String>> names) {
        Validation<Diagnostic, Node> required = Fields.required(t, "links", "[\"isp1\", \"balance\"]");
        if (required.isInvalid()) return Validation.invalid(List.of(required.getError()));
        Validation<List<Diagnostic>, List<Node>> items = Problems.one(Fields.array(required.get(), "write links = [\"isp1\", \"balance\"]"));
        return items.flatMap(ns -> {
            if (ns.isEmpty()) return Validation.invalid(List.of(required.get().problem(Code.MISSING_KEY, "a pin needs at least one link",
                    "write links = [\"isp1\", \"balance\"]")));
            return Fields.unique(ns, "link", n -> Fields.string(n, "\"isp1\"").flatMap(s -> known(n, s, names)))
                    .flatMap(list -> balanceLast(ns, list));
        });
    }

    private static Validation<Diagnostic, String> known(Node n, String s, Option<List<String>> names) {
        if (s.equals(Pin.BALANCE) || names.isEmpty() || names.get().contains(s)) return Validation.valid(s);
        String hint = Suggest.closest(s, names.get()).map(c -> "did you mean \"" + c + "\"? ").getOrElse("")
                + "links: " + names.get().mkString(", ") + ", or \"balance\" last";
        return Validation.invalid(n.problem(Code.UNKNOWN_LINK, "no link named " + Problems.quote(s), hint));
    }

    private static Validation<List<Diagnostic>, List<String>> balanceLast(List<Node> nodes, List<String> links) {
        int at = links.indexOf(Pin.BALANCE);
        if (at < 0 || at == links.size() - 1) return Validation.valid(links);
        return Validation.invalid(List.of(nodes.get(at).problem(Code.BAD_VALUE, "\"balance\" must be the last of links",
                "move \"balance\" to the end: the links before it are tried first")));
    }

    private static Validation<List<Diagnostic>, Pin> matchesSomething(Node t, Pin p) {
        if (!p.proto().isEmpty() || !p.dst().isEmpty() || !p.src().isEmpty()) return Validation.valid(p);
        return Validation.invalid(List.of(t.problem(Code.MATCHES_ALL, "pin " + p.name() + " matches every connection",
                "give it proto, dport, sport, dst or src; to move everything, change the links' weights")));
    }
}
