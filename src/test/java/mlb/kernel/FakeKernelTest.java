package mlb.kernel;

import io.vavr.collection.TreeSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.NexthopGroup;
import mlb.model.Nexthop;
import mlb.model.Observed;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.Rule;
import mlb.model.Sysctl;
import mlb.model.Scope;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fake must behave as its comment says (each behaviour measured on a real kernel, see FakeKernel): every
 * property that runs through it is only as good as this.
 */
class FakeKernelTest {
    private static Written run(FakeKernel k, String... lines) {
        return k.send(List.of(lines).map(l -> "ip " + l));
    }

    private static void ok(FakeKernel k, String... lines) {
        Written r = run(k, lines);
        assertTrue(r.ok(), () -> "expected success: " + r.failure());
    }

    private static String refused(FakeKernel k, String line) {
        FakeKernel.State before = k.state();
        Written r = run(k, line);
        assertFalse(r.ok(), "expected `" + line + "` to be refused");
        assertEquals(1, r.sent().size());
        assertEquals(before, k.state(), "a refused command changes nothing");
        return r.failure().get();
    }

    private static FakeKernel twoNexthopsAndAGroup() {
        FakeKernel k = FakeKernel.standard();
        ok(k, "nexthop add id 1 via 198.18.1.1 dev wan1 proto 250",
                "nexthop add id 2 via 198.18.2.1 dev wan2 proto 250",
                "nexthop add id 100 group 1,5/2,1 type resilient buckets 512 proto 250",
                "route add default table 10 nhid 100 proto 250");
        return k;
    }

    @Test
    void interpretsRenderedLinesIntoObjects() {
        FakeKernel k = twoNexthopsAndAGroup();
        ok(k, "rule add priority 10 from 198.18.1.2 lookup 10 proto 250",
                "rule add priority 5 from all lookup main suppress_prefixlength 0 proto 250",
                "route add unreachable default table 10 metric 4294967295 proto 250");
        FakeKernel.State s = k.state();
        assertEquals(new NexthopGroup(100, List.of(new NexthopGroup.Member(1, 5), new NexthopGroup.Member(2, 1)), true, 512, 250),
                s.nexthops().get(100).get());
        assertEquals(List.of(
                        new Rule(5, Option.none(), Option.none(), Option.none(), 254, Option.some(0), 250),
                        new Rule(10, Option.some("198.18.1.2"), Option.none(), Option.none(), 10, Option.none(), 250)),
                s.rules(), "rules in priority order, main written as 254");
        assertEquals(List.of(new Route(10, "default", 0, new RouteTarget.Group(100), 250),
                        new Route(10, "default", 4294967295L, new RouteTarget.Unreachable(), 250)),
                s.routes().values().toList());
        assertEquals(1 + 7, k.history().size(), "the initial state and one after each of the 7 commands");
    }

    @Test
    void refusesWhatTheKernelRefuses() {
        FakeKernel k = twoNexthopsAndAGroup();
        assertTrue(refused(k, "nexthop add id 1 via 198.18.3.1 dev wan3 proto 250").contains("File exists"));
        assertTrue(refused(k, "route add default table 10 via 198.18.1.1 dev wan1 proto 250").contains("File exists"));
        assertTrue(refused(k, "route add default table 11 nhid 77 proto 250").contains("Nexthop id does not exist"));
        assertTrue(refused(k, "nexthop add id 101 group 1/77 proto 250").contains("77"));
        assertTrue(refused(k, "nexthop add id 101 group 1/100 proto 250").contains("member"));
        assertTrue(refused(k, "nexthop replace id 100 group 1/2 proto 250").contains("different type"));
        assertTrue(refused(k, "nexthop replace id 100 group 1/2 type resilient buckets 256 proto 250").contains("buckets"));
        assertTrue(refused(k, "nexthop add id 3 via 198.18.9.1 dev wan9 proto 250").contains("Cannot find device"));
    }

    @Test
    void refusesWhatTheKernelWouldSilentlyCascade() {
        FakeKernel k = twoNexthopsAndAGroup();
        assertTrue(refused(k, "nexthop del id 2").contains("member of group 100"));
        ok(k, "nexthop add id 3 via 198.18.3.1 dev wan3 proto 250", "route add 10.77.1.0/24 table 11 nhid 3 proto 250");
        assertTrue(refused(k, "nexthop del id 3").contains("still used by route"));
    }

    @Test
    void refusesUnownedOrMalformedLines() {
        FakeKernel k = twoNexthopsAndAGroup();
        refused(k, "route add 10.77.1.0/24 table 11 via 198.18.1.1 dev wan1");
        refused(k, "rule add priority 10 from all lookup 10");
        refused(k, "nexthop add id 5 via 198.18.1.1 dev wan1 proto 250 onlink");
        refused(k, "route add 10.77.1.0/24  table 11 via 198.18.1.1 dev wan1 proto 250");
        refused(k, "rule add priority 10 from all lookup 10 proto 250 extra");
    }

    @Test
    void deletingAGroupDropsItsRoutesLikeTheKernel() {
        FakeKernel k = twoNexthopsAndAGroup();
        ok(k, "nexthop del id 100");
        assertTrue(k.state().routes().isEmpty());
        assertEquals(List.of("route default table 10 nhid 100 (group 100 deleted)"), k.cascades());
    }

    @Test
    void replaceCreatesWhenAbsentAndChangesWeightsInPlace() {
        FakeKernel k = twoNexthopsAndAGroup();
        ok(k, "nexthop replace id 100 group 1,2/2,7 type resilient buckets 512 proto 250",
                "route replace 10.77.1.0/24 table 10 via 198.18.1.1 dev wan1 proto 250",
                "nexthop replace id 4 via 198.18.1.1 dev wan1 proto 250");
        assertEquals(List.of(new NexthopGroup.Member(1, 2), new NexthopGroup.Member(2, 7)),
                ((NexthopGroup) k.state().nexthops().get(100).get()).members());
        assertEquals(2, k.state().routes().size(), "the group's route survived the in-place replace");
        assertTrue(k.state().nexthops().containsKey(4));
    }

    @Test
    void ruleDelWithoutProtocolDeletesTheFirstMatchWhoeverOwnsIt() {
        // Measured: with a proto 4 rule added before an identical proto 250 one, `ip rule del` without proto
        // removed the proto 4 rule.
        FakeKernel k = FakeKernel.standard().with(new Rule(100, Option.some("10.77.1.1"), Option.none(), Option.none(),
                10, Option.none(), 4));
        ok(k, "route add default table 10 via 198.18.1.1 dev wan1 proto 250",
                "rule add priority 100 from 10.77.1.1 lookup 10 proto 250");
        assertEquals(List.of(4, 250), k.state().rules().map(Rule::protocol));
        ok(k, "rule del priority 100 from 10.77.1.1 lookup 10");
        assertEquals(List.of(250), k.state().rules().map(Rule::protocol));
        ok(k, "rule add priority 100 from 10.77.1.1 lookup 10 proto 4", "rule del priority 100 from 10.77.1.1 lookup 10 proto 250");
        assertEquals(List.of(4), k.state().rules().map(Rule::protocol));
    }

    @Test
    void routeDelTakesTheFirstRouteOfThePrefixWithAnAtLeastEqualMetric() {
        // Measured: `ip route del default table 10` with only a metric 100 proto 4 default and a metric
        // 4294967295 unreachable default deleted the metric 100 one.
        FakeKernel k = FakeKernel.standard().with(new Route(10, "default", 100, new RouteTarget.Gateway("198.18.1.1", "wan1"), 4));
        ok(k, "route add unreachable default table 10 metric 4294967295 proto 250", "route del default table 10");
        assertEquals(List.of(250), k.state().routes().values().map(Route::protocol).toList());
        assertTrue(refused(k, "route del default table 10 metric 4294967295 proto 4").contains("No such process"));
    }

    @Test
    void recordsRulesPointingToTablesWithoutRoutesAsInvalid() {
        FakeKernel k = FakeKernel.standard();
        ok(k, "rule add priority 10 from all lookup 10 proto 250",
                "route add default table 10 via 198.18.1.1 dev wan1 proto 250");
        assertEquals(1, k.invalidIntermediateStates().size());
        assertTrue(k.invalidIntermediateStates().head().startsWith("after `ip rule add priority 10"),
                k.invalidIntermediateStates().head());
    }

    @Test
    void aManualChangeRunsLikeAWriteButIsNoneOfMlbs() {
        FakeKernel k = twoNexthopsAndAGroup().failAt(1);
        assertEquals(Option.none(), k.ip("nexthop replace id 100 group 1,7/2,9 type resilient buckets 512 proto 250"));
        assertEquals(List.of(new NexthopGroup.Member(1, 7), new NexthopGroup.Member(2, 9)),
                ((NexthopGroup) k.state().nexthops().get(100).get()).members());
        FakeKernel.State before = k.state();
        assertTrue(k.ip("nexthop replace id 100 group 1,7/2,9 type resilient buckets 128 proto 250").get()
                .contains("number of buckets"));
        assertEquals(before, k.state(), "a refused change changes nothing");
        assertEquals(1, k.writes());
        assertFalse(run(k, "nexthop add id 3 via 198.18.3.1 dev wan3 proto 250").ok(), "the armed failure waits for mlb's write");
    }

    @Test
    void injectedFailureStopsTheWriteAndReportsTheCommand() {
        FakeKernel k = FakeKernel.standard().failAt(2);
        Written r = run(k, "nexthop add id 1 via 198.18.1.1 dev wan1 proto 250",
                "nexthop add id 2 via 198.18.2.1 dev wan2 proto 250",
                "nexthop add id 3 via 198.18.3.1 dev wan3 proto 250");
        assertEquals(2, r.sent().size());
        assertTrue(r.failure().get().startsWith("ip nexthop add id 2 "));
        assertEquals(List.of(1), k.state().nexthops().keySet().toList());
    }

    @Test
    void readSeparatesOwnedFromForeignLikeIpKernel() {
        FakeKernel k = FakeKernel.standard().with(
                new Nexthop(7, "198.18.1.1", "wan1", 4),
                new Nexthop(201, "198.18.1.1", "wan1", 250),
                new Route(200, "default", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 4),
                new Route(201, "default", 0, new RouteTarget.Group(201), 250),
                new Route(254, "default", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 3),
                new Rule(10, Option.none(), Option.some("wan1"), Option.none(), 201, Option.none(), 250),
                new Rule(20, Option.none(), Option.none(), Option.none(), 254, Option.none(), 0));
        ok(k, "nexthop replace id 7 via 198.18.2.1 dev wan2 proto 4");
        Scope scope = new Scope(250, TreeSet.of(new Scope.Priorities(1, 100)), TreeSet.of(200),
                TreeSet.of("net.ipv4.fib_multipath_hash_policy"));
        Observed o = k.kernel().read(scope);
        assertEquals(4, o.owned().size(), "nexthop 201, route in 201, rule, sysctl: " + o.owned());
        assertTrue(o.owned().all(Sysctl.class).contains(new Sysctl("net.ipv4.fib_multipath_hash_policy", "0")));
        assertEquals(1, o.foreign().rules());
        assertEquals(1, o.foreign().routes(), "main is not read, table 200 is");
        assertEquals(1, o.foreign().nexthops());
        assertEquals(3, o.foreign().colliding().size(), "the route, the nexthop, and the rule in the owned priorities (it may shadow one)");
    }
}
