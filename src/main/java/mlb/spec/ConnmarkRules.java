package mlb.spec;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

import java.util.Locale;

/** The [balancer] keys of mode "connmark", read whatever the mode, so that a mistake is found either way. */
final class ConnmarkRules {
    static final List<String> KEYS = List.of("distribution", "lan", "local", "mark_mask", "nft_table", "helpers", "sticky");
    /** The keys of mlb's nftables table, which route mode has too when a pin has a list file. */
    private static final List<String> NFTABLES = List.of("mark_mask", "nft_table");
    private static final String LAN = "[\"10.77.0.0/16\"]";
    private static final String TABLE_HINT = "use 1-32 characters from a-z, 0-9 and _, starting with a letter, e.g. \"mlb\"";

    private ConnmarkRules() {
    }

    static Validation<List<Diagnostic>, Connmark> read(Node t) {
        Connmark d = Connmark.defaults();
        Validation<Seq<List<Diagnostic>>, Connmark> c = Validation.combine(
                Problems.one(Fields.optional(t, "distribution", ConnmarkRules::distribution).map(o -> o.getOrElse(d.distribution()))),
                t.get("lan").map(ConnmarkRules::lan).getOrElse(Validation.valid(d.lan())),
                Problems.one(Fields.optional(t, "local", n -> Fields.bool(n, "true")).map(o -> o.getOrElse(d.local()))),
                Problems.one(Fields.optional(t, "mark_mask", ConnmarkRules::mask).map(o -> o.getOrElse(d.markMask()))),
                Problems.one(Fields.optional(t, "nft_table", ConnmarkRules::table).map(o -> o.getOrElse(d.nftTable()))),
                t.get("helpers").map(ConnmarkRules::helpers).getOrElse(Validation.valid(d.helpers())),
                Problems.one(Fields.optional(t, "sticky", n -> Durations.seconds(n, "\"10m\"", java.time.Duration.ZERO,
                        Connmark.MAX_STICKY)).map(o -> o.getOrElse(d.sticky()))))
                .ap(Connmark::new);
        return Problems.flat(c);
    }

    /** The connmark keys written in a route-mode [balancer]: each is a mistake of its own. */
    static List<Diagnostic> outOfMode(Node t) {
        return KEYS.removeAll(NFTABLES).flatMap(t::get).map(ConnmarkRules::keyOutOfMode);
    }

    /** A key of mode "connmark" written where the mode is "route". */
    static Diagnostic keyOutOfMode(Node n) {
        return n.keyProblem(Code.NOT_HERE, n.name() + " only applies to mode = \"connmark\"",
                "add mode = \"connmark\" to [balancer], or remove " + n.name());
    }

    private static Validation<Diagnostic, Connmark.Distribution> distribution(Node n) {
        return Fields.oneOf(n, List.of("wrr", "random"), "\"wrr\"")
                .map(s -> Connmark.Distribution.valueOf(s.toUpperCase(Locale.ROOT)));
    }

    private static Validation<List<Diagnostic>, List<String>> lan(Node n) {
        return Problems.one(Fields.array(n, "write lan = " + LAN))
                .flatMap(items -> Fields.unique(items, "prefix", i -> Addresses.prefix(i, "\"10.77.0.0/16\"")))
                .flatMap(prefixes -> Problems.one(prefixes.find(p -> p.equals("0.0.0.0/0"))
                        .map(p -> Validation.<Diagnostic, List<String>>invalid(n.problem(Code.BAD_VALUE,
                                "lan 0.0.0.0/0 would balance the links' own incoming connections too",
                                "list the prefixes of the networks behind this router, e.g. " + LAN)))
                        .getOrElse(Validation.valid(prefixes))));
    }

    /** A run of contiguous bits, so links' marks are small numbers shifted into it. */
    private static Validation<Diagnostic, Long> mask(Node n) {
        return Fields.integer(n, "0x00ff0000").flatMap(v -> {
            long m = v.signum() > 0 && v.bitLength() <= 32 ? v.longValue() : 0;
            long shifted = m >>> Long.numberOfTrailingZeros(m | (1L << 32));
            if (m != 0 && (shifted & (shifted + 1)) == 0 && Long.bitCount(m) >= 2) return Validation.valid(m);
            return Validation.invalid(n.problem(Code.BAD_VALUE, "not a mark mask: 0x" + v.toString(16),
                    "use contiguous bits within 32 bits, at least 2 of them, e.g. mark_mask = 0x00ff0000"));
        });
    }

    private static Validation<Diagnostic, String> table(Node n) {
        return Fields.string(n, "\"mlb\"").flatMap(s -> s.matches("[a-z][a-z0-9_]{0,31}") ? Validation.valid(s)
                : Validation.invalid(n.problem(Code.BAD_VALUE, "not a valid nftables table name: " + Problems.quote(s), TABLE_HINT)));
    }

    private static Validation<List<Diagnostic>, List<Connmark.Helper>> helpers(Node n) {
        String known = Connmark.Helper.KNOWN.map(h -> "\"" + h.name() + "\"").mkString(", ");
        return Problems.one(Fields.array(n, "write helpers = [\"ftp\"]"))
                .flatMap(items -> Fields.unique(items, "helper", i -> Fields.string(i, "\"ftp\"").flatMap(s -> Connmark.Helper.named(s)
                        .map(Connmark.Helper::name).toValidation(() -> i.problem(Code.BAD_VALUE, "not a conntrack helper mlb knows: "
                                + Problems.quote(s), "use one of " + known)))))
                .map(names -> names.map(name -> Connmark.Helper.named(name).get()));
    }
}
