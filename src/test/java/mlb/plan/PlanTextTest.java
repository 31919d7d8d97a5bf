package mlb.plan;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.Rule;
import mlb.model.StateArbitraries;
import mlb.model.StateArbitraries.Pair;
import mlb.model.Sysctl;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanTextTest {
    private static final Nexthop NH1 = new Nexthop(201, "198.18.1.1", "wan1", 250);
    private static final Nexthop NH2 = new Nexthop(202, "198.18.2.1", "wan2", 250);
    private static final Route DEFAULT = new Route(200, "default", 0, new RouteTarget.Group(200), 250);

    private static NexthopGroup group(int buckets, int w1, int w2) {
        return new NexthopGroup(200, List.of(new NexthopGroup.Member(201, w1), new NexthopGroup.Member(202, w2)), true, buckets, 250);
    }

    @Test
    void noChanges() {
        NetState s = NetState.of(List.of(NH1));
        assertEquals("No changes. The kernel matches the spec.\n", PlanText.render(TestPlans.of(s, s, List.empty())));
        assertEquals("Note: left alone (not mlb's): 3 rules\n\nNo changes. The kernel matches the spec.\n",
                PlanText.render(TestPlans.of(s, s, List.of("left alone (not mlb's): 3 rules"))));
    }

    @Test
    void aWeightChangeIsOneTildeLineWithWhatItWas() {
        NetState current = NetState.of(List.of(NH1, NH2, group(512, 5, 1), DEFAULT));
        NetState desired = NetState.of(List.of(NH1, NH2, group(512, 3, 1), DEFAULT));
        assertEquals("""
                Nexthop groups:
                  ~   id 200 group 201,3/202,1 type resilient buckets 512
                        (was: id 200 group 201,5/202,1 type resilient buckets 512)

                Symbols: ~ update in place
                Plan: 0 to add, 1 to change, 0 to destroy.
                """, PlanText.render(TestPlans.of(current, desired, List.empty())));
    }

    @Test
    void everySymbolWithItsHeadingAndTheLegendInFixedOrder() {
        Rule oldRule = new Rule(10090, Option.none(), Option.none(), Option.none(), 200, Option.none(), 250);
        Rule newRule = new Rule(10090, Option.none(), Option.none(), Option.none(), 201, Option.none(), 250);
        Sysctl hash0 = new Sysctl("net.ipv4.fib_multipath_hash_policy", "0");
        Sysctl hash1 = new Sysctl("net.ipv4.fib_multipath_hash_policy", "1");
        Route gone = new Route(201, "198.51.100.0/24", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 250);
        Route table201 = new Route(201, "default", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 250);
        NetState current = NetState.of(List.of(hash0, NH1, NH2, group(256, 1, 1), DEFAULT, gone, table201, oldRule));
        Nexthop nh3 = new Nexthop(203, "198.18.3.1", "wan3", 250);
        NetState desired = NetState.of(List.of(hash1, NH1, NH2, nh3, group(512, 1, 1), DEFAULT, table201, newRule));
        String text = PlanText.render(TestPlans.of(current, desired, List.empty()));
        assertEquals("""
                Kernel settings:
                  ~   net.ipv4.fib_multipath_hash_policy = 1
                        (was: net.ipv4.fib_multipath_hash_policy = 0)

                Nexthops:
                  +   id 203 via 198.18.3.1 dev wan3

                Nexthop groups:
                  -/+ id 200 group 201,1/202,1 type resilient buckets 512
                        (replaces: id 200 group 201,1/202,1 type resilient buckets 256)

                Routes:
                  -/+ default table 200 nhid 200   (recreated: its group is replaced)
                  -   198.51.100.0/24 table 201 via 198.18.1.1 dev wan1

                Rules:
                  -/+ priority 10090 from all lookup 201
                        (replaces: priority 10090 from all lookup 200)

                Symbols: + create, ~ update in place, -/+ delete and create again, - destroy
                Plan: 4 to add, 1 to change, 4 to destroy.
                """, text);
    }

    @Test
    void theLegendNamesOnlyTheSymbolsUsed() {
        String onlyDeletes = PlanText.render(TestPlans.of(NetState.of(List.of(NH1)), NetState.empty(), List.empty()));
        assertTrue(onlyDeletes.contains("Symbols: - destroy\n"), onlyDeletes);
        assertTrue(onlyDeletes.endsWith("Plan: 0 to add, 0 to change, 1 to destroy.\n"));
        String onlyCreates = PlanText.render(TestPlans.of(NetState.empty(), NetState.of(List.of(NH1, NH2)), List.empty()));
        assertTrue(onlyCreates.contains("Symbols: + create\n"), onlyCreates);
        assertTrue(onlyCreates.endsWith("Plan: 2 to add, 0 to change, 0 to destroy.\n"));
    }

    @Provide
    Arbitrary<Pair> pairs() {
        return net.jqwik.api.Arbitraries.oneOf(StateArbitraries.pairs(true), StateArbitraries.bucketChanges());
    }

    private static final Pattern LINE = Pattern.compile("^  (\\+|~|-/\\+|-) +\\S", Pattern.MULTILINE);
    private static final Pattern SUMMARY = Pattern.compile("Plan: (\\d+) to add, (\\d+) to change, (\\d+) to destroy\\.\\n$");

    /** Counted from the rendered text alone: the lines, the legend and the summary must agree with each other. */
    @Property(tries = 300)
    void linesLegendAndSummaryAgree(@ForAll("pairs") Pair p) {
        Plan plan = TestPlans.of(p.current(), p.desired(), List.empty());
        String text = PlanText.render(plan);
        if (plan.isEmpty()) {
            assertEquals("No changes. The kernel matches the spec.\n", text);
            return;
        }
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        Matcher m = LINE.matcher(text);
        while (m.find()) counts.merge(m.group(1), 1, Integer::sum);
        assertEquals(plan.changes().size(), counts.values().stream().mapToInt(i -> i).sum(), "one line per change\n" + text);
        String legend = text.lines().filter(l -> l.startsWith("Symbols: ")).findFirst().orElseThrow();
        for (String sym : new String[]{"+", "~", "-/+", "-"}) {
            boolean used = counts.containsKey(sym);
            boolean listed = List.of(legend.substring("Symbols: ".length()).split(", ")).exists(e -> e.startsWith(sym + " "));
            assertEquals(used, listed, "symbol " + sym + " in legend: " + legend);
        }
        Matcher s = SUMMARY.matcher(text);
        assertTrue(s.find(), text);
        int plus = counts.getOrDefault("+", 0);
        int tilde = counts.getOrDefault("~", 0);
        int replace = counts.getOrDefault("-/+", 0);
        int minus = counts.getOrDefault("-", 0);
        assertEquals(plus + replace, Integer.parseInt(s.group(1)), text);
        assertEquals(tilde, Integer.parseInt(s.group(2)), text);
        assertEquals(minus + replace, Integer.parseInt(s.group(3)), text);
        assertFalse(text.contains("No changes"));
    }
}
