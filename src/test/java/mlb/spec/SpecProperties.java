package mlb.spec;

import io.vavr.collection.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecProperties {
    /** One generated link; name and dev come from its position in the generated list, so they are unique. */
    record LinkText(String gateway, int weight, String bandwidth, boolean table, boolean pin, boolean check) {
        String render(int i, boolean useBandwidth) {
            return "[[link]]\nname = \"" + (char) ('z' - i) + "link" + i + "\"\ndev = \"eth" + i + "\"\n"
                    + "gateway = \"" + gateway + "\"\n"
                    + (useBandwidth ? "bandwidth = \"" + bandwidth + "\"\n" : "weight = " + weight + "\n")
                    + (table ? "table = " + (300 + i) + "\n" : "")
                    + (pin ? "[[link.route]]\nto = \"10." + i + ".0.0/16\"\n" : "")
                    + (check ? "[link.check]\ntargets = [\"" + gateway + "\"]\ninterval = \"2s\"\n" : "");
        }
    }

    @Provide
    Arbitrary<java.util.List<LinkText>> links() {
        Arbitrary<String> gateway = Arbitraries.integers().map(Ipv4::format)
                .filter(a -> Addresses.unusable(a, true).isEmpty());
        Arbitrary<String> bandwidth = Combinators.combine(
                Arbitraries.integers().between(1, 100_000),
                Arbitraries.of("kbit", "mbit", "gbit", "kbps", "mbps", "gbps", "Mbit", " GBPS", "  kbit")).as((n, u) -> n + u);
        return Combinators.combine(gateway, Arbitraries.integers().between(1, 256), bandwidth,
                        Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(LinkText::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 200)
    void theOrderOfLinksDoesNotMatter(@ForAll("links") java.util.List<LinkText> links,
                                      @ForAll boolean useBandwidth, @ForAll Random random) {
        java.util.List<String> blocks = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) blocks.add(links.get(i).render(i, useBandwidth));
        java.util.List<String> shuffled = new ArrayList<>(blocks);
        Collections.shuffle(shuffled, random);
        Spec written = Specs.valid(String.join("\n", blocks));
        Spec reordered = Specs.valid(String.join("\n", shuffled));
        assertEquals(written.linksByName(), reordered.linksByName());
        assertEquals(written.balancer(), reordered.balancer());
    }

    @Property(tries = 300)
    void anyTextGivesASpecOrDiagnostics(@ForAll String text) {
        wellFormed(text);
    }

    @Property(tries = 300)
    void editsOfAValidSpecGiveASpecOrDiagnostics(@ForAll @IntRange(max = 1000) int at, @ForAll String inserted,
                                                @ForAll @IntRange(max = 20) int deleted) {
        String valid = Specs.LINK + "weight = 5\n[[link.route]]\nto = \"198.51.100.0/24\"\n"
                + "[link.check]\ntargets = [\"192.0.2.53\"]\n";
        int start = at % (valid.length() + 1);
        wellFormed(valid.substring(0, start) + inserted + valid.substring(Math.min(valid.length(), start + deleted)));
    }

    /** Syntactically plausible TOML with spec keys in wrong places, wrong types and wrong values. */
    @Provide
    Arbitrary<String> tomlish() {
        Arbitrary<String> key = Arbitraries.of(Keys.TOP.appendAll(Keys.BALANCER).appendAll(Keys.LINK)
                .appendAll(Keys.CHECK).appendAll(List.of("to", "nme", "x", "\"quoted key\"", "\"a.b\"",
                        "check.interval", "check.targets", "'lit'", "\"\\u0041\"")).asJava());
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("\"route\"", "\"connmark\"", "\"l3\"", "\"100mbit\"", "\"20mbit\"", "\"1s\"",
                        "\"203.0.113.1\"", "\"2001:db8::1\"", "\"198.51.100.0/24\"", "\"eth1\"", "\"isp1\"",
                        "\"isp2\"", "[]", "[\"192.0.2.1\"]", "{}", "{ to = \"192.0.2.0/24\" }", "true", "1.5",
                        "1979-05-27", "[1, \"a\"]", "[{}]", "[{ to = \"default\" }]", "\"\"\"\nx\n\"\"\"", "'''a'''",
                        "[\n  \"192.0.2.1\", # c\n  \"192.0.2.2\"\n]"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.integers().between(-2, 300).map(String::valueOf),
                Arbitraries.strings().ofMaxLength(12).map(SpecProperties::tomlString));
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("[balancer]", "[[link]]", "[[link]]", "[[link.route]]", "[link.check]", "[x]",
                        "[ link . check ]", "# comment", ""),
                Combinators.combine(key, value).as((k, v) -> k + " = " + v));
        return line.list().ofMaxSize(30).map(lines -> String.join("\n", lines));
    }

    @Property(tries = 500)
    void everyProblemInReadableTomlIsPlacedInsideTheText(@ForAll("tomlish") String text) {
        List<String> lines = List.of(text.split("\n", -1));
        for (Diagnostic d : wellFormed(text)) {
            if (d.line() == 0) {
                assertEquals("link: at least one [[link]] is required", d.keyPath() + ": " + d.message(), d::toString);
                continue;
            }
            assertTrue(d.line() <= lines.size() && d.column() >= 1
                    && d.column() <= lines.get(d.line() - 1).length() + 1, () -> d + " is outside\n" + text);
        }
    }

    /** Never throws; either a spec or at least one diagnostic, each with a message and a hint. */
    private static List<Diagnostic> wellFormed(String text) {
        var result = SpecParser.parse(text, "x.toml");
        if (result.isValid()) return List.empty();
        assertFalse(result.getError().isEmpty());
        for (Diagnostic d : result.getError()) {
            assertEquals("x.toml", d.file());
            assertFalse(d.message().isBlank(), d::toString);
            assertFalse(d.hint().isBlank(), d::toString);
            assertFalse(d.message().contains("com.fasterxml") || d.message().contains("Exception"), d::toString);
        }
        return result.getError();
    }

    private static String tomlString(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') out.append('\\').appendCodePoint(c);
            else if (c < 0x20 || c == 0x7f) out.append(String.format("\\u%04x", c));
            else out.appendCodePoint(c);
        });
        return out.append('"').toString();
    }
}
