package mlb.kernel.ip;

import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.model.Device;
import mlb.model.NetState;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.Observed;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.Rule;
import mlb.model.Sysctl;
import mlb.kernel.FixtureRunner;
import mlb.kernel.Kernel;
import mlb.kernel.KernelError;
import mlb.kernel.Written;
import mlb.kernel.sysctl.SysctlDriver;
import mlb.model.Change;
import mlb.model.Scope;
import mlb.plan.Plan;
import mlb.plan.Planner;
import mlb.proc.Runner;
import mlb.proc.Target;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The iproute2 and sysctl drivers (with the device facts) against a Runner serving the captured fixtures: what
 * they ask the tools, and what they make of the answers.
 */
class IpDriverTest {
    private static final String HASH = "net.ipv4.fib_multipath_hash_policy";
    private static final Target FX = Target.netns("fx");

    private static Kernel kernel(Runner r) {
        return new Kernel(List.of(new SysctlDriver(r, FX), new IpDriver(r, FX)), new IpDevices(r, FX));
    }

    private static Observed read(Runner r, TreeSet<Integer> tables, TreeSet<String> sysctls) {
        return kernel(r).read(new Scope(250, TreeSet.of(new Scope.Priorities(10000, 10099)), tables, sysctls));
    }

    private static Scope scope() {
        return new Scope(250, TreeSet.of(new Scope.Priorities(10000, 10099)), TreeSet.empty(), TreeSet.empty());
    }

    private static FixtureRunner fixtures() {
        FixtureRunner r = new FixtureRunner()
                .answerFromFixture("ip -N -j -d -4 rule show", "rules.json")
                .answerFromFixture("ip -N -j -d nexthop show", "nexthops.json")
                .answerFromFixture("ip -N -j -4 route show table all proto 250", "routes-proto-250.json")
                .answerFromFixture("ip -j addr show", "addr.json")
                .answerFromFixture("cat /proc/sys/net/ipv4/fib_multipath_hash_policy", "sysctl-hash-policy.txt")
                .answer("ip -N -j -d -4 route show table 999", new Runner.Result(
                        Integer.parseInt(FixtureRunner.fixture("routes-999.exit").strip()),
                        FixtureRunner.fixture("routes-999.stdout"), FixtureRunner.fixture("routes-999.stderr")))
;
        for (String t : new String[]{"200", "201", "202", "300"}) {
            r.answerFromFixture("ip -N -j -d -4 route show table " + t, "routes-" + t + ".json");
        }
        return r;
    }

    private static final Nexthop NH201 = new Nexthop(201, "198.18.1.1", "wan1", 250);
    private static final Rule BALANCE = new Rule(10090, Option.none(), Option.none(), Option.none(), 200, Option.none(), 250);

    private static Rule rule(int prio, String from, String oif, Long mark, int table, Integer suppress) {
        return new Rule(prio, Option.of(from), Option.of(oif), Option.of(mark).map(Rule.Mark::exactly), table, Option.of(suppress), 250);
    }

    /** What capture.sh made with proto 250 in shapes mlb models, written from its commands. */
    private static NetState expectedOwned() {
        return NetState.of(List.of(
                new Sysctl(HASH, "0"),
                new Nexthop(201, "198.18.1.1", "wan1", 250),
                new Nexthop(202, "198.18.2.1", "wan2", 250),
                new NexthopGroup(200, List.of(new NexthopGroup.Member(201, 5), new NexthopGroup.Member(202, 1)), true, 512, 250),
                new NexthopGroup(1000200, List.of(new NexthopGroup.Member(201, 5), new NexthopGroup.Member(202, 1)), false, 0, 250),
                new Route(200, "default", 0, new RouteTarget.Group(200), 250),
                new Route(200, "default", 4294967295L, new RouteTarget.Unreachable(), 250),
                new Route(200, "198.51.100.0/24", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 250),
                new Route(200, "198.51.100.128/25", 100, new RouteTarget.Gateway("198.18.2.1", "wan2"), 250),
                new Route(201, "default", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 250),
                // `via 0.0.0.0` as the kernel keeps it: on the device only, still mlb's
                new Nexthop(210, Nexthop.NO_GATEWAY, "wan1", 250),
                new Route(201, "10.77.9.0/24", 0, new RouteTarget.Gateway(Nexthop.NO_GATEWAY, "wan1"), 250),
                new Route(202, "default", 0, new RouteTarget.Gateway("198.18.2.1", "wan2"), 250),
                rule(10000, null, null, null, 254, 0),
                rule(10010, "198.18.1.2", null, null, 201, null),
                rule(10010, "198.18.2.2", null, null, 202, null),
                rule(10020, null, "wan1", null, 201, null),
                rule(10020, null, "wan2", null, 202, null),
                rule(10050, null, null, 1L, 201, null),
                rule(10060, "10.77.0.0/16", null, null, 202, null),
                rule(10090, null, null, null, 200, null)));
    }

    @Test
    void readsOwnedObjectsAndCountsTheRest() {
        FixtureRunner runner = fixtures();
        Observed o = read(runner, TreeSet.empty(), TreeSet.of(HASH));
        assertEquals(expectedOwned(), o.owned());
        // rules: local, main, default (kernel), 500 (proto 4), 501 (iif), 502 (to), 503 (ipproto), 10095 (iif, proto 250)
        assertEquals(5, o.foreign().rules(), "the kernel's own local, main and default rules are not counted");
        // routes in the tables read: 200 holds 10.77.5.0/24 (proto 4), a multipath (proto 3), a blackhole (proto 250);
        // 202 holds 10.77.7.0/24 (proto 4). Main and 300 are not read: no owned rule points there.
        assertEquals(4, o.foreign().routes());
        assertEquals(3, o.foreign().nexthops(), "7, 8 and the blackhole 9");
        assertTrue(runner.missing().isEmpty(), () -> "asked for " + runner.missing());
        assertFalse(runner.calls().contains("ip -N -j -d -4 route show table 254"), "main is never dumped: " + runner.calls());
        assertFalse(runner.calls().contains("ip -N -j -d -4 route show table 300"));
        assertTrue(runner.calls().contains("cat /proc/sys/net/ipv4/fib_multipath_hash_policy"));
    }

    @Test
    void theTablesOfTheDesiredStateAreReadTooAndAMissingTableIsEmpty() {
        FixtureRunner runner = fixtures();
        Observed o = read(runner, TreeSet.of(300, 999), TreeSet.empty());
        assertEquals(5, o.foreign().routes(), "table 300's default route (proto 4) too");
        assertEquals(expectedOwned().without(new Sysctl(HASH, "0").key()), o.owned());
        assertTrue(runner.calls().contains("ip -N -j -d -4 route show table 999"));
    }

    @Test
    void aForeignRouteWhereMlbWantsOneIsAConflictNotATakeover() {
        Observed o = read(fixtures(), TreeSet.of(300), TreeSet.empty());
        Route wanted = new Route(300, "default", 0, new RouteTarget.Gateway("198.18.2.1", "wan2"), 250);
        NetState desired = o.owned().with(wanted);
        var v = Planner.plan(o, desired, scope(), List.empty());
        assertTrue(v.isInvalid());
        assertEquals(1, v.getError().size());
        assertEquals(mlb.spec.Code.FOREIGN_HOLDS, v.getError().head().code());
        String msg = v.getError().head().toString();
        assertTrue(msg.startsWith("route default table 300 via 198.18.1.1 dev wan1 already exists and is not mlb's"), msg);
        assertTrue(msg.contains("table_base"), "says what to do: " + msg);
        // Without the conflicting route the same read plans, and the note counts what is left alone.
        Plan plan = Planner.plan(o, o.owned(), scope(), List.of("a note")).get();
        assertTrue(plan.isEmpty());
        assertEquals(List.of("a note", "left alone (not mlb's): 5 rules, 5 routes in owned tables, 3 nexthops"), plan.notes());
    }

    @Test
    void aForeignNexthopWithAnIdMlbWantsIsAConflict() {
        Observed o = read(fixtures(), TreeSet.empty(), TreeSet.empty());
        var v = Planner.plan(o, o.owned().with(new Nexthop(7, "198.18.2.1", "wan2", 250)), scope(), List.empty());
        assertTrue(v.isInvalid());
        assertTrue(v.getError().head().toString().contains("id 7 via 198.18.1.1 dev wan1"), v.getError().head().toString());
    }

    @Test
    void nexthopsAndGroupsShareOneIdSpaceWhenCheckingConflicts() {
        Observed o = read(fixtures(), TreeSet.empty(), TreeSet.empty());
        // Foreign nexthop 7 is a single nexthop; mlb wanting a GROUP with id 7 collides just the same.
        NexthopGroup wanted = new NexthopGroup(7, List.of(new NexthopGroup.Member(201, 1)), true, 512, 250);
        var v = Planner.plan(o, o.owned().with(wanted), scope(), List.empty());
        assertTrue(v.isInvalid(), "planned `nexthop add id 7 group ...` over someone's nexthop 7");
        assertTrue(v.getError().head().message().startsWith("nexthop id 7 via 198.18.1.1 dev wan1 already exists"), v.getError().head().message());
        // and the other way round: foreign group 8, mlb wanting nexthop 8
        var w = Planner.plan(o, o.owned().with(new Nexthop(8, "198.18.2.1", "wan2", 250)), scope(), List.empty());
        assertTrue(w.isInvalid());
    }

    @Test
    void anObjectOfAnotherShapeWithTheIdentityMlbWantsIsAConflictNotAFailedApply() {
        Observed o = read(fixtures(), TreeSet.empty(), TreeSet.empty());
        var v = Planner.plan(o, o.owned().with(new Nexthop(9, "198.18.1.1", "wan1", 250)), scope(), List.empty());
        assertEquals(List.of("nexthop id 9 via 198.18.1.1 dev wan1 cannot be made: the kernel already has `nexthop id 9"
                + " blackhole proto 0` there, in a form mlb does not make (remove it, or move mlb elsewhere with table_base"
                + " or table in the spec)"), v.getError().map(Object::toString));
        assertEquals(mlb.spec.Code.FOREIGN_ODD, v.getError().head().code());
        Route over = new Route(200, "10.77.8.0/24", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 250);
        assertTrue(Planner.plan(o, o.owned().with(over), scope(), List.empty()).getError().head().message()
                .contains("`route type 6 10.77.8.0/24 table 200 proto 250`"));
    }

    @Test
    void deviceFacts() {
        IpDevices k = new IpDevices(fixtures(), FX);
        assertEquals(new Device("wan1", true, true, List.of(new Device.Address("198.18.1.2", 24))), k.device("wan1").get());
        assertEquals(Option.some("198.18.1.2"), k.ipv4Address("wan1"));
        Device p2p = k.device("wan3").get();
        assertEquals(List.of(new Device.Address("198.19.5.2", 32, Option.some("198.19.5.1"))), p2p.addresses());
        assertFalse(p2p.carrier(), "its peer is down");
        assertTrue(p2p.up());
        assertEquals(new Device("wan4", true, true, List.empty()), k.device("wan4").get());
        assertFalse(k.device("wan5").get().up());
        assertEquals(Option.none(), k.ipv4Address("lo"), "127.0.0.1 is not global");
        assertTrue(k.device("wan9").isEmpty());
        assertEquals(Option.none(), k.ipv4Address("wan9"));
    }

    @Test
    void aDeviceThatCannotBeReadIsNotAMissingDevice() {
        String denied = "setting the network namespace \"fx\" failed: Operation not permitted\n";
        FixtureRunner r = new FixtureRunner().answer("ip -j addr show", new Runner.Result(255, "", denied));
        IpDevices k = new IpDevices(r, FX);
        assertEquals(KernelError.Reason.NOT_PERMITTED, assertThrows(KernelError.class, () -> k.device("wan1")).reason());
    }

    @Test
    void resilientGroupsNeedLinuxAndIproute2Of513() {
        assertTrue(resilient("6.18.44-fc-v595\n", "ip utility, iproute2-6.1.0, libbpf 1.1.2\n"));
        assertTrue(resilient("5.13.0\n", "ip utility, iproute2-5.13.0\n"));
        assertFalse(resilient("5.12.19\n", "ip utility, iproute2-6.1.0\n"));
        assertFalse(resilient("6.1.0\n", "ip utility, iproute2-5.10.0\n"));
        assertTrue(resilient("6.1.0\n", "ip utility, iproute2-v5.15.0-1\n"));
        assertFalse(resilient("6.1.0\n", "something else\n"));
        assertTrue(IpDevices.versionAtLeast("10.0", 5, 13));
        assertFalse(IpDevices.versionAtLeast("4.19", 5, 13));
    }

    private static boolean resilient(String osrelease, String ipV) {
        FixtureRunner r = new FixtureRunner().answer("ip -V", ipV);
        IpDevices d = new IpDevices(r, FX, osrelease::strip);
        boolean answer = d.resilientGroups();
        assertEquals(answer, d.resilientGroups());
        assertTrue(r.calls().size() <= 1, "ip -V once at most: " + r.calls());
        return answer;
    }

    @Test
    void writesRunsOfIpLinesAsOneBatchAndSysctlsThroughTee() {
        FixtureRunner r = new FixtureRunner()
                .answer("tee /proc/sys/net/ipv4/fib_multipath_hash_policy", "1\n")
                .answer("ip -batch -", "");
        List<Change> changes = List.of(new Change.Update(new Sysctl(HASH, "0"), new Sysctl(HASH, "1")),
                new Change.Create(NH201), new Change.Create(new Nexthop(202, "198.18.2.1", "wan2", 250)),
                new Change.Update(new Sysctl(HASH, "0"), new Sysctl(HASH, "1")), new Change.Create(BALANCE));
        Written w = kernel(r).write(changes);
        assertTrue(w.ok());
        assertEquals(5, w.sent().size());
        assertEquals(java.util.List.of("tee /proc/sys/net/ipv4/fib_multipath_hash_policy", "ip -batch -",
                "tee /proc/sys/net/ipv4/fib_multipath_hash_policy", "ip -batch -"), r.calls());
        assertEquals(java.util.Arrays.asList("1\n",
                "nexthop add id 201 via 198.18.1.1 dev wan1 proto 250\nnexthop add id 202 via 198.18.2.1 dev wan2 proto 250\n",
                "1\n", "rule add priority 10090 from all lookup 200 proto 250\n"), r.inputs());
    }

    @Test
    void aFailedBatchLineIsNamedAndCountsAsAttempted() {
        FixtureRunner r = new FixtureRunner().answer("ip -batch -", new Runner.Result(1, "",
                "Error: Nexthop id does not exist.\nCommand failed -:2\n"));
        List<Change> changes = List.of(new Change.Create(NH201),
                new Change.Create(new Route(200, "default", 0, new RouteTarget.Group(200), 250)), new Change.Create(BALANCE));
        Written w = kernel(r).write(changes);
        assertEquals(2, w.sent().size());
        assertEquals("ip route add default table 200 nhid 200 proto 250: Error: Nexthop id does not exist.\nCommand failed -:2",
                w.failure().get());
    }

    @Test
    void aBatchFailureWithoutALineNumberCountsTheWholeBatch() {
        FixtureRunner r = new FixtureRunner()
                .answer("tee /proc/sys/net/ipv4/fib_multipath_hash_policy", "1\n")
                .answer("ip -batch -", new Runner.Result(255, "", "Cannot open network namespace \"fx\": No such file or directory\n"));
        List<Change> changes = List.of(new Change.Update(new Sysctl(HASH, "0"), new Sysctl(HASH, "1")),
                new Change.Create(NH201), new Change.Create(new Nexthop(202, "198.18.2.1", "wan2", 250)));
        Written w = kernel(r).write(changes);
        assertEquals(3, w.sent().size());
        assertEquals("ip -batch failed without saying at which line, so some of these 2 commands may not have run: Cannot"
                + " open network namespace \"fx\": No such file or directory", w.failure().get());
    }

    @Test
    void readFailuresAreClassifiedForTheExitCode() {
        assertEquals(KernelError.Reason.NOT_PERMITTED, readError("RTNETLINK answers: Operation not permitted\n").reason());
        assertEquals(KernelError.Reason.FAILED, readError("Cannot open network namespace \"fx\": No such file or directory\n").reason());
        assertTrue(readError("Cannot open network namespace \"fx\": No such file or directory\n").getMessage()
                .contains("ip netns list"));
        FixtureRunner old = fixtures().answer("ip -N -j -d nexthop show",
                new Runner.Result(255, "", "Object \"nexthop\" is unknown, try \"ip help\".\n"));
        KernelError e = assertThrows(KernelError.class, () -> read(old, TreeSet.empty(), TreeSet.empty()));
        assertEquals(KernelError.Reason.MISSING_TOOL, e.reason());
    }

    private static KernelError readError(String stderr) {
        FixtureRunner r = new FixtureRunner().answer("ip -N -j -d -4 rule show", new Runner.Result(1, "", stderr));
        return assertThrows(KernelError.class, () -> read(r, TreeSet.empty(), TreeSet.empty()));
    }

    @Test
    void commandsGoToTheTargetNamespace() {
        java.util.List<java.util.List<String>> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Runner spy = (argv, stdin) -> {
            seen.add(argv);
            return new Runner.Result(0, argv.contains("cat") ? "0\n" : "[]", "");
        };
        read(spy, TreeSet.of(200), TreeSet.of(HASH));
        for (java.util.List<String> argv : seen) {
            boolean inNs = argv.subList(0, 3).equals(java.util.List.of("ip", "-n", "fx"))
                    || argv.subList(0, 4).equals(java.util.List.of("ip", "netns", "exec", "fx"));
            assertTrue(inNs, "not aimed at the namespace: " + argv);
        }
        assertEquals(5, seen.size(), "rules, tables of mlb's protocol, table 200, nexthops, one sysctl: " + seen);
    }

    @Test
    void severalSettingsAreReadByOneCatAndAloneWhenItSaysSomethingElse() {
        String rp = "net.ipv4.conf.wan1.rp_filter";
        String cat = "cat /proc/sys/net/ipv4/conf/wan1/rp_filter /proc/sys/net/ipv4/fib_multipath_hash_policy";
        TreeSet<String> both = TreeSet.of(HASH, rp);
        FixtureRunner r = new FixtureRunner().answer(cat, "2\n1\n");
        assertEquals(List.of(new Sysctl(rp, "2"), new Sysctl(HASH, "1")),
                new SysctlDriver(r, FX).read(new Scope(250, TreeSet.of(new Scope.Priorities(10000, 10099)), TreeSet.empty(), both)).owned());
        assertEquals(java.util.List.of(cat), r.calls());
        FixtureRunner odd = new FixtureRunner().answer(cat, "2\n").answer("cat /proc/sys/net/ipv4/fib_multipath_hash_policy", "1\n")
                .answer("cat /proc/sys/net/ipv4/conf/wan1/rp_filter", "2\n");
        assertEquals(List.of(new Sysctl(rp, "2"), new Sysctl(HASH, "1")),
                new SysctlDriver(odd, FX).read(new Scope(250, TreeSet.of(new Scope.Priorities(10000, 10099)), TreeSet.empty(), both)).owned());
        FixtureRunner missing = new FixtureRunner().answer("cat /proc/sys/net/ipv4/conf/wan1/rp_filter",
                new Runner.Result(1, "", "cat: /proc/sys/net/ipv4/conf/wan1/rp_filter: No such file or directory\n"))
                .answer("cat /proc/sys/net/ipv4/fib_multipath_hash_policy", "1\n");
        KernelError e = assertThrows(KernelError.class,
                () -> new SysctlDriver(missing, FX).read(new Scope(250, TreeSet.of(new Scope.Priorities(10000, 10099)), TreeSet.empty(), both)));
        assertTrue(e.getMessage().contains(rp), e::getMessage);
    }
}
