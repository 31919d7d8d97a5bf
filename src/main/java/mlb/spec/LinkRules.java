package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.spec.LinkDraft.Pin;
import mlb.spec.LinkDraft.Share;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** The rules for one [[link]] table taken alone. */
final class LinkRules {
    /** Link names end up in table names, nft set names and file names: keep them tame. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,14}");
    /** What the kernel accepts as an interface name (IFNAMSIZ 16 with the NUL), minus characters that need quoting. */
    static final Pattern DEV = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}");
    private static final String GATEWAY = "\"203.0.113.1\"", SOURCE = "\"203.0.113.2\"";
    private static final String PIN = "\"198.51.100.0/24\"", DEFAULT = "0.0.0.0/0";
    private static final String PIN_HINT = "write each pinned destination as [[link.route]] with to = " + PIN;
    private static final String GATEWAY_HINT = "write the address of the ISP's router on this link, e.g. " + GATEWAY;
    private static final String SOURCE_HINT =
            "write this link's own address, e.g. " + SOURCE + ", or leave source out to read it from dev";

    private LinkRules() {
    }

    static LinkDraft read(Node t) {
        Validation<Diagnostic, String> gateway =
                Fields.required(t, "gateway", GATEWAY).flatMap(n -> Addresses.host(n, GATEWAY, GATEWAY_HINT));
        return new LinkDraft(t,
                Fields.required(t, "name", "\"isp1\"").flatMap(LinkRules::name),
                Fields.required(t, "dev", "\"eth1\"").flatMap(LinkRules::dev),
                gateway,
                Fields.optional(t, "onlink", n -> Fields.bool(n, "true")).map(o -> o.getOrElse(false)),
                share(t),
                Fields.optional(t, "table", n -> Tables.table(n, "101")),
                Fields.optional(t, "source", n -> source(n, t.get("gateway"), gateway)),
                routes(t.get("route")),
                CheckRules.read(t.get("check")),
                Fields.optional(t, "nat", n -> Fields.bool(n, "false")).map(o -> o.getOrElse(true)),
                Fields.optional(t, "mark", n -> Fields.integer(n, "0x00010000", 1, 0xffffffffL).map(Integer::toUnsignedLong)),
                Keys.unknown(t, Keys.LINK));
    }

    private static Validation<Diagnostic, String> name(Node n) {
        return Fields.string(n, "\"isp1\"").flatMap(s -> NAME.matcher(s).matches() ? Validation.valid(s)
                : Validation.invalid(n.problem(Code.BAD_VALUE, "not a valid link name: " + Problems.quote(s),
                "use 1-15 characters from a-z, 0-9, _ and -, starting with a letter or digit, e.g. \""
                        + tamed(s) + "\"")));
    }

    /** The user's name made valid, when that is close enough to propose; otherwise an example. */
    private static String tamed(String s) {
        String t = s.toLowerCase().replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[_-]+|[_-]+$", "");
        t = t.substring(0, Math.min(15, t.length()));
        return NAME.matcher(t).matches() ? t : "isp1";
    }

    private static Validation<Diagnostic, String> dev(Node n) {
        return Fields.string(n, "\"eth1\"").flatMap(s -> DEV.matcher(s).matches() ? Validation.valid(s)
                : Validation.invalid(n.problem(Code.BAD_VALUE, "not a valid interface name: " + Problems.quote(s),
                "use 1-15 characters from A-Z, a-z, 0-9, _, . and -, not starting with . or -, e.g. \"eth1\"")));
    }

    /** The family check only speaks when the gateway is IPv4, so one wrong family is reported once. */
    private static Validation<Diagnostic, String> source(Node n, Option<Node> gatewayNode,
                                                         Validation<Diagnostic, String> gateway) {
        boolean ipv4Gateway = gatewayNode.map(Node::value).filter(String.class::isInstance)
                .flatMap(g -> Ipv4.address((String) g)).isDefined();
        if (ipv4Gateway && n.value() instanceof String s && Ipv4.isIpv6(s)) {
            return Validation.invalid(n.problem(Code.CONFLICT, "source is IPv6 but gateway is IPv4",
                    "write this link's own IPv4 address, e.g. " + SOURCE + ", or leave source out to read it from dev"));
        }
        return Addresses.host(n, SOURCE, SOURCE_HINT).flatMap(s -> gateway.filter(s::equals).isDefined()
                ? Validation.invalid(n.problem(Code.CONFLICT, "source is the gateway's address, " + Problems.quote(s),
                "write this link's own address, which is not its gateway's, or leave source out to read it from dev"))
                : Validation.valid(s));
    }

    private static Validation<Diagnostic, Share> share(Node t) {
        Option<Node> weight = t.get("weight"), bandwidth = t.get("bandwidth");
        if (weight.isDefined() && bandwidth.isDefined()) {
            return Validation.invalid(bandwidth.get().keyProblem(Code.CONFLICT, "give either weight or bandwidth, not both",
                    "remove weight or bandwidth"));
        }
        if (bandwidth.isDefined()) return bandwidth(bandwidth.get()).map(Share.Rate::new);
        return weight.map(n -> Fields.integer(n, "5", 1, Bandwidth.MAX_WEIGHT).<Share>map(w -> new Share.Weight(w, true)))
                .getOrElse(Validation.valid(new Share.Weight(1, false)));
    }

    private static Validation<Diagnostic, BigInteger> bandwidth(Node n) {
        String units = "write a number and a unit: " + Bandwidth.UNIT_WORDS + ", e.g. \"100mbit\"";
        return Fields.string(n, "\"100mbit\"").flatMap(s -> Bandwidth.bitsPerSecond(s)
                .fold(problem -> Validation.<Diagnostic, BigInteger>invalid(switch (problem) {
                    case NOT_A_RATE -> n.problem(Code.BAD_VALUE, "not a bandwidth: " + Problems.quote(s), units);
                    case FRACTIONAL_BITS -> n.problem(Code.BAD_VALUE, "not a whole number of bits per second: " + Problems.quote(s),
                            "write bandwidth = \"" + Bandwidth.rounded(s) + "\"");
                }), Validation::<Diagnostic, BigInteger>valid)
                .flatMap(bits -> bits.signum() > 0 ? Validation.valid(bits)
                        : Validation.invalid(n.problem(Code.OUT_OF_RANGE, "must be more than 0, found " + Problems.quote(s),
                        "write the link's real rate, e.g. \"100mbit\""))));
    }

    private static Validation<List<Diagnostic>, List<Pin>> routes(Option<Node> route) {
        if (route.isEmpty()) return Validation.valid(List.empty());
        Node r = route.get();
        if (!(r.value() instanceof List)) {
            return Validation.invalid(List.of(r.problem(Code.WRONG_TYPE, "expected [[link.route]] tables, found " + r.typeName(), PIN_HINT)));
        }
        return Problems.all(Validation.sequence(r.array().map(LinkRules::pin))).map(List::ofAll);
    }

    private static Validation<List<Diagnostic>, Pin> pin(Node e) {
        if (!e.isTable()) return Validation.invalid(List.of(e.problem(Code.WRONG_TYPE, "expected a table, found " + e.typeName(), PIN_HINT)));
        return Problems.with(Keys.unknown(e, Keys.ROUTE), Problems.one(Fields.required(e, "to", PIN)
                .flatMap(n -> Addresses.prefix(n, PIN).flatMap(p -> p.equals(DEFAULT) ? Validation.invalid(n.problem(Code.CONFLICT,
                                "a pinned default route would collide with the balancing default route",
                                "leave this [[link.route]] out: everything not pinned is balanced already"))
                        : Validation.valid(new Pin(p, n))))));
    }
}
