package mlb.compile;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.it.Netns;
import mlb.model.Rule;
import mlb.spec.SpecParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Route mode's [[pin]]s compiled: ip rules in file order, to the first live link, balance, or a drop. */
class RoutePinsTest {
    private static final String LINKS = Netns.LINKS;
    private static final String PINS = """
            [[pin]]
            name = "web"
            proto = "tcp"
            dport = [80, "8000-8099"]
            dst = ["198.51.100.0/24", "203.0.113.7/32"]
            links = ["isp2", "isp1"]
            [[pin]]
            name = "dns"
            proto = "udp"
            dport = [53]
            src = ["10.77.1.0/24"]
            links = ["isp1", "balance"]
            """;

    private static List<String> pinRules(String spec, Option<Set<String>> live) {
        var parsed = SpecParser.parse(spec, "spec.toml");
        if (parsed.isInvalid()) throw new AssertionError(parsed.getError().mkString("\n"));
        var c = Compiler.compile(parsed.get(), TestFacts.fourLinks(true), live);
        if (c.isInvalid()) throw new AssertionError(c.getError().mkString("\n"));
        NetState s = c.get().desired();
        return List.ofAll(s.all(Rule.class)).filter(r -> r.priority() >= 10040 && r.priority() < 10090)
                .map(r -> r.priority() + r.from().map(f -> " from " + f).getOrElse("") + r.match().text() + " " + (r.action() == Rule.Action.BLACKHOLE ? "blackhole" : "lookup " + r.table()));
    }

    @Test
    void eachPinHasAPriorityOfItsOwnAndARulePerCombinationOfItsMatches() {
        assertEquals(List.of(
                "10040 to 198.51.100.0/24 ipproto 6 dport 80 lookup 202",
                "10040 to 198.51.100.0/24 ipproto 6 dport 8000-8099 lookup 202",
                "10040 to 203.0.113.7 ipproto 6 dport 80 lookup 202",
                "10040 to 203.0.113.7 ipproto 6 dport 8000-8099 lookup 202",
                "10041 from 10.77.1.0/24 ipproto 17 dport 53 lookup 201"), pinRules(LINKS + PINS, Option.none()).sorted());
    }

    @Test
    void aPinFollowsItsLinksInOrderThenBalancesOrDrops() {
        List<String> isp2Out = pinRules(LINKS + PINS, Option.some(HashSet.of("isp1")));
        assertEquals(List.of("lookup 201"), isp2Out.filter(r -> r.startsWith("10040")).map(r -> r.replaceAll(".* lookup", "lookup")).distinct(),
                "web falls back to isp1");
        List<String> isp1Out = pinRules(LINKS + PINS, Option.some(HashSet.of("isp2")));
        assertEquals(List.of(), isp1Out.filter(r -> r.startsWith("10041")), "dns has no rule: the balancing takes it");
        String dropOnly = LINKS + PINS.replace("links = [\"isp2\", \"isp1\"]", "links = [\"isp2\"]");
        assertEquals(List.of("blackhole"), pinRules(dropOnly, Option.some(HashSet.of("isp1"))).filter(r -> r.startsWith("10040"))
                .map(r -> r.replaceAll(".* ", "")).distinct(), "without balance, a pin whose links are all down drops");
    }
}
