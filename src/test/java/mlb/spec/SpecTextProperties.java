package mlb.spec;

import io.vavr.Tuple;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Well-formed TOML built from every key a spec has, each with values that are right, out of range, of the wrong
 * type or random: the parser never throws, and every problem says what, where (key path, and a position
 * inside the text) and what to write instead. A valid result also passes every record's own checks.
 */
class SpecTextProperties {
    private static final List<String> ANY = List.of("true", "false", "0", "-1", "1", "3", "65536", "1.5", "1979-05-27",
            "\"\"", "\"x\"", "\"500ms\"", "\"0s\"", "\"61m\"", "\"1500ms\"", "\"192.0.2.53\"", "\"127.0.0.1\"",
            "\"2001:db8::1\"", "\"100mbit\"", "\"isp1\"", "\"/bin/true\"", "[]", "[1, \"a\"]", "[[1]]", "{}", "[{}]",
            "{ x = 1 }", "\"\\u0000\"", "99999999999999999999");

    /** Values meant for one key: good ones, and (marked "!") ones just outside what it takes. */
    private static final Map<String, List<String>> FOR = HashMap.ofEntries(
            Tuple.of("mode", List.of("\"route\"", "!\"connmark\"", "!\"rout\"")),
            Tuple.of("hash", List.of("\"l3\"", "\"l4\"", "!\"L4\"")),
            Tuple.of("priority_base", List.of("10000", "32666", "!32667", "!0")),
            Tuple.of("protocol", List.of("250", "5", "255", "!16", "!186", "!256")),
            Tuple.of("table_base", List.of("200", "252", "!253", "!2147483647")),
            Tuple.of("last_resort", List.of("\"keep\"", "\"main\"", "\"unreachable\"", "!\"drop\"")),
            Tuple.of("idle_timer", List.of("\"120s\"", "\"0s\"", "\"60m\"", "!\"3601s\"", "!\"1500ms\"", "!120")),
            Tuple.of("unbalanced_timer", List.of("\"0s\"", "\"5m\"", "!\"61m\"", "!\"10ms\"")),
            Tuple.of("conntrack_grace", List.of("\"20s\"", "\"0s\"", "\"60m\"", "!\"2h\"", "!\"61m\"")),
            Tuple.of("name", List.of("\"isp1\"", "\"isp2\"", "\"lte\"", "\"dsl\"", "\"fiber\"", "\"cable\"",
                    "!\"example.com\"", "!\"ISP 1\"",
                    "!\".\"", "!\"-x.com\"")),
            Tuple.of("dev", List.of("\"eth1\"", "\"eth2\"", "\"wan0\"", "\"wan1\"", "\"ppp0\"", "\"wwan0\"",
                    "!\"eth 1\"")),
            Tuple.of("gateway", List.of("\"203.0.113.1\"", "\"198.18.0.1\"", "!\"0.0.0.0\"", "!\"169.254.0.1\"",
                    "!\"010.0.0.1\"")),
            Tuple.of("source", List.of("\"203.0.113.2\"", "\"198.18.0.2\"", "!\"203.0.113.1\"",
                    "!\"255.255.255.255\"", "!\"2001:db8::2\"")),
            Tuple.of("onlink", List.of("true", "false", "!\"true\"")),
            Tuple.of("weight", List.of("1", "5", "256", "!257", "!\"5\"")),
            Tuple.of("bandwidth", List.of("\"100mbit\"", "\"20 Mbit\"", "\"2.5mbit\"", "!\"1.0005kbit\"",
                    "!\"0kbit\"", "!\"10bit\"")),
            Tuple.of("table", List.of("101", "102", "!200", "!254", "!0")),
            Tuple.of("to", List.of("\"198.51.100.0/24\"", "\"192.0.2.7\"", "!\"default\"", "!\"198.51.100.1/24\"")),
            Tuple.of("method", List.of("\"icmp\"", "\"tcp\"", "\"http\"", "\"https\"", "\"dns\"", "!\"ping\"")),
            Tuple.of("targets", List.of("[\"192.0.2.53\"]", "[\"192.0.2.53\", \"192.0.2.54\"]",
                    "![\"192.0.2.53\", \"192.0.2.53\"]", "![\"224.0.0.1\"]", "![]", "![\"x\", 1]")),
            Tuple.of("port", List.of("22", "443", "53", "65535", "!0", "!65536")),
            Tuple.of("path", List.of("\"/\"", "\"/health?x=1\"", "!\"health\"", "!\"/a b\"")),
            Tuple.of("expect", List.of("200", "204", "599", "!600", "!99")),
            Tuple.of("host", List.of("\"example.com\"", "\"192.0.2.1\"", "!\"exa mple\"", "!\"example.com.\"")),
            Tuple.of("record", List.of("\"A\"", "\"AAAA\"", "\"NS\"", "\"SOA\"", "!\"aaaa\"", "!\"TXT\"")),
            Tuple.of("reliability", List.of("1", "2", "!3", "!0")),
            Tuple.of("interval", List.of("\"500ms\"", "\"2s\"", "\"60m\"", "!\"100ms\"", "!\"99ms\"", "!\"1h\"")),
            Tuple.of("timeout", List.of("\"300ms\"", "\"200ms\"", "!\"9ms\"", "!\"1s\"", "!\"500ms\"")),
            Tuple.of("down", List.of("1", "3", "100", "!101")),
            Tuple.of("up", List.of("1", "3", "100", "!0")),
            Tuple.of("max_loss", List.of("1", "10", "99", "!100", "!0")),
            Tuple.of("max_rtt", List.of("\"1ms\"", "\"150ms\"", "!\"300ms\"", "!\"0ms\"")),
            Tuple.of("window", List.of("5", "20", "1000", "!4", "!1001")),
            Tuple.of("argv", List.of("[\"/bin/true\"]", "[\"/usr/bin/logger\", \"-t\", \"mlb\"]", "![\"logger\"]",
                    "![]", "![\"/bin/echo\", \"a\\u0000b\"]", "!\"/bin/true\"")),
            Tuple.of("events", List.of("[\"down\"]", "[\"down\", \"up\", \"degraded\", \"all_down\"]",
                    "![\"down\", \"down\"]", "![\"dwon\"]", "![]")),
            Tuple.of("links", List.of("[\"isp1\"]", "[\"isp1\", \"isp2\"]", "![\"nope\"]", "![\"isp1\", \"isp1\"]",
                    "![]")));
    /** Keys a table rarely has (it always has its required ones), so that some generated specs are valid. */
    private static final List<String> SELDOM = List.of("port", "path", "expect", "host", "name", "record",
            "reliability", "bandwidth", "source", "table", "max_rtt", "window", "links");

    private static Arbitrary<String> value(String key) {
        Arbitrary<String> any = Arbitraries.oneOf(Arbitraries.of(ANY.asJava()),
                Arbitraries.integers().between(-2, 70_000).map(String::valueOf),
                Arbitraries.strings().ofMaxLength(10).map(SpecTextProperties::tomlString));
        List<String> values = FOR.get(key).getOrElse(List.empty());
        List<String> good = values.filter(v -> !v.startsWith("!")), bad = values.filter(v -> v.startsWith("!"))
                .map(v -> v.substring(1));
        if (good.isEmpty()) return any;
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(14, Arbitraries.of(good.asJava())),
                net.jqwik.api.Tuple.of(bad.isEmpty() ? 0 : 1, Arbitraries.of(bad.append("0").asJava())),
                net.jqwik.api.Tuple.of(1, any));
    }

    /** A header and some of keys, each once, with values; now and then a key no table has. */
    private static Arbitrary<String> table(String header, List<String> keys, String... required) {
        java.util.List<Arbitrary<String>> lines = keys.append("colour").map(k -> {
            int present = List.of(required).contains(k) ? 19 : k.equals("colour") ? 1 : SELDOM.contains(k) ? 1 : 3;
            return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(present, value(k).map(v -> k + " = " + v + "\n")),
                    net.jqwik.api.Tuple.of(20 - present, Arbitraries.just("")));
        }).asJava();
        return Combinators.combine(lines).as(ls -> header + "\n" + String.join("", ls));
    }

    private static Arbitrary<String> link() {
        List<String> keys = Keys.LINK.removeAll(List.of("route", "check"));
        return Combinators.combine(table("[[link]]", keys, "name", "dev", "gateway"),
                        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.just("")),
                                net.jqwik.api.Tuple.of(3, table("[link.check]", Keys.CHECK, "targets"))),
                        table("[[link.route]]", Keys.ROUTE, "to").list().ofMaxSize(2))
                .as((l, check, routes) -> l + check + String.join("", routes));
    }

    @Provide
    Arbitrary<String> specs() {
        Arbitrary<String> optional = Arbitraries.just("");
        return Combinators.combine(
                        Arbitraries.oneOf(optional, table("[balancer]", Keys.BALANCER)),
                        Arbitraries.oneOf(optional, table("[monitor]", Keys.MONITOR)),
                        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, link().list().ofMaxSize(0)),
                                net.jqwik.api.Tuple.of(19, link().list().ofMinSize(1).ofMaxSize(3))),
                        table("[[hook]]", Keys.HOOK, "argv").list().ofMaxSize(3))
                .as((balancer, monitor, links, hooks) -> String.join("", List.of(balancer, monitor)
                        .appendAll(links).appendAll(hooks)));
    }

    @Property(tries = 1000, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    void everyProblemHasAMessageAKeyPathAHintAndAPlace(@ForAll("specs") String text) {
        var result = SpecParser.parse(text, "gen.toml");
        net.jqwik.api.statistics.Statistics.collect(result.isValid() ? "valid" : result.getError().size() > 3 ? "many" : "few");
        if (result.isValid()) {
            assertEquals(text, result.get().source());
            return;
        }
        List<String> lines = List.of(text.split("\n", -1));
        for (Diagnostic d : result.getError()) {
            assertEquals("gen.toml", d.file());
            assertFalse(d.message().isBlank(), () -> d + "\n" + text);
            assertFalse(d.keyPath().isBlank(), () -> d + "\n" + text);
            assertFalse(d.hint().isBlank(), () -> d + "\n" + text);
            assertFalse(d.message().startsWith("invalid TOML"), () -> "the generator wrote bad TOML: " + d + "\n" + text);
            if (d.line() == 0) {
                assertEquals("link: at least one [[link]] is required", d.keyPath() + ": " + d.message());
            } else {
                assertTrue(d.line() <= lines.size() && d.column() >= 1
                        && d.column() <= lines.get(d.line() - 1).length() + 1, () -> d + " is outside\n" + text);
            }
        }
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
