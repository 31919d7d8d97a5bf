package mlb.kernel.ip;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.kernel.FakeKernel;
import mlb.kernel.sysctl.SysctlDriver;
import mlb.model.Change;
import mlb.plan.Diff;
import mlb.model.KernelObject;
import mlb.model.NetState;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.Rule;
import mlb.model.Sysctl;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch lines mlb hands to `ip -batch -`, written out as iproute2 syntax (the ReconcileIT runs the same
 * lines on a real kernel).
 */
class IpSyntaxTest {
    private static final Nexthop NH = new Nexthop(201, "198.18.1.1", "wan1", 250);
    private static final NexthopGroup RES = new NexthopGroup(200,
            List.of(new NexthopGroup.Member(202, 3), new NexthopGroup.Member(201, 5)), true, 512, 250);
    private static final NexthopGroup PLAIN = new NexthopGroup(1000200,
            List.of(new NexthopGroup.Member(201, 1), new NexthopGroup.Member(202, 1)), false, 0, 250);
    private static final Route VIA_GROUP = new Route(200, "default", 0, new RouteTarget.Group(200), 250);
    private static final Route VIA_GW = new Route(201, "default", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 250);
    private static final Route PINNED = new Route(200, "198.51.100.0/24", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 250);
    private static final Route LAST = new Route(200, "default", 4294967295L, new RouteTarget.Unreachable(), 250);
    private static final Rule FROM = new Rule(10010, Option.some("198.18.1.2"), Option.none(), Option.none(), 201, Option.none(), 250);
    private static final Rule OIF = new Rule(10020, Option.none(), Option.some("wan1"), Option.none(), 201, Option.none(), 250);
    private static final Rule MARK = new Rule(10050, Option.none(), Option.none(), Option.some(Rule.Mark.exactly(16L)), 201, Option.none(), 250);
    private static final Rule SUPPRESS = new Rule(10000, Option.none(), Option.none(), Option.none(), 254, Option.some(0), 250);
    private static final Rule BALANCE = new Rule(10090, Option.none(), Option.none(), Option.none(), 200, Option.none(), 250);

    private static final Rule PIN = new Rule(10040, Option.some("10.77.0.0/24"), Option.none(), Option.none(),
            new Rule.Match(Option.some("198.51.100.0/24"), Option.some(6), Option.some(new Rule.Ports(1000, 2000)),
                    Option.some(new Rule.Ports(443, 443))), Rule.Action.LOOKUP, 201, Option.none(), 250);
    private static final Rule DROP = new Rule(10041, Option.none(), Option.none(), Option.none(),
            new Rule.Match(Option.none(), Option.some(17), Option.none(), Option.some(new Rule.Ports(53, 53))),
            Rule.Action.BLACKHOLE, 0, Option.none(), 250);

    private static final IpDriver IP = new IpDriver(null, null);

    private static List<String> lines(Change c) {
        return IP.render(List.of(c)).getOrElseThrow(why -> new AssertionError(why));
    }

    private static String one(Change c) {
        List<String> cs = lines(c);
        assertEquals(1, cs.size(), () -> "one command for " + c + ": " + cs);
        return cs.head();
    }

    private static String create(KernelObject o) {
        return one(new Change.Create(o));
    }

    private static String delete(KernelObject o) {
        return one(new Change.Delete(o));
    }

    @Test
    void createsCarryTheProtocol() {
        assertEquals("ip nexthop add id 201 via 198.18.1.1 dev wan1 proto 250", create(NH));
        assertEquals("ip nexthop add id 200 group 201,5/202,3 type resilient buckets 512 proto 250", create(RES),
                "members sorted by id whatever order they came in");
        assertEquals("ip nexthop add id 1000200 group 201,1/202,1 proto 250", create(PLAIN));
        assertEquals("ip route add default table 200 nhid 200 proto 250", create(VIA_GROUP));
        assertEquals("ip route add default table 201 via 198.18.1.1 dev wan1 proto 250", create(VIA_GW));
        assertEquals("ip route add 198.51.100.0/24 table 200 via 198.18.1.1 dev wan1 proto 250", create(PINNED));
        assertEquals("ip route add unreachable default table 200 metric 4294967295 proto 250", create(LAST));
        assertEquals("ip rule add priority 10010 from 198.18.1.2 lookup 201 proto 250", create(FROM));
        assertEquals("ip rule add priority 10020 oif wan1 lookup 201 proto 250", create(OIF));
        assertEquals("ip rule add priority 10050 fwmark 0x10 lookup 201 proto 250", create(MARK));
        assertEquals("ip rule add priority 10000 from all lookup main suppress_prefixlength 0 proto 250", create(SUPPRESS));
        assertEquals("ip rule add priority 10090 from all lookup 200 proto 250", create(BALANCE));
        assertEquals("ip rule add priority 10040 from 10.77.0.0/24 to 198.51.100.0/24 ipproto 6 sport 1000-2000 dport 443"
                + " lookup 201 proto 250", create(PIN));
        assertEquals("ip rule add priority 10041 ipproto 17 dport 53 blackhole proto 250", create(DROP));
    }

    @Test
    void aPinsRuleIsDeletedByEverySelectorItHas() {
        // ip rule del takes a selector not given as "any": each one given keeps a foreign rule of the same priority safe
        assertEquals("ip rule del priority 10040 from 10.77.0.0/24 to 198.51.100.0/24 ipproto 6 sport 1000-2000 dport 443"
                + " lookup 201 proto 250", delete(PIN));
        assertEquals("ip rule del priority 10041 ipproto 17 dport 53 blackhole proto 250", delete(DROP));
    }

    @Test
    void deletesNameOnlyMlbsOwnObjects() {
        assertEquals("ip nexthop del id 201", delete(NH));
        assertEquals("ip nexthop del id 200", delete(RES));
        assertEquals("ip route del default table 200 proto 250", delete(VIA_GROUP));
        assertEquals("ip route del unreachable default table 200 metric 4294967295 proto 250", delete(LAST));
        assertEquals("ip rule del priority 10010 from 198.18.1.2 lookup 201 proto 250", delete(FROM));
        assertTrue(new SysctlDriver(null, null).render(List.of(new Change.Delete(new Sysctl("net.ipv4.ip_forward", "1")))).isLeft(),
                "settings are never deleted");
    }

    @Test
    void updatesAreReplacesAndSysctlsAreWrites() {
        Sysctl hash = new Sysctl("net.ipv4.fib_multipath_hash_policy", "1");
        assertEquals(List.of("sysctl -w net.ipv4.fib_multipath_hash_policy=1"),
                new SysctlDriver(null, null).render(List.of(new Change.Update(new Sysctl(hash.name(), "0"), hash))).get());
        assertEquals("ip nexthop replace id 200 group 201,5/202,3 type resilient buckets 512 idle_timer 120 unbalanced_timer 0 proto 250",
                one(new Change.Update(RES, RES)));
        assertEquals("ip route replace default table 200 nhid 200 proto 250", one(new Change.Update(VIA_GW, VIA_GROUP)));
        assertEquals("ip route replace default table 200 nhid 200 proto 250", one(new Change.Replace(VIA_GROUP, VIA_GROUP)),
                "a route recreated after its group is replaced");
    }

    @Test
    void replacingAGroupOrARuleIsDeleteThenCreate() {
        NexthopGroup smaller = new NexthopGroup(200, RES.members(), true, 256, 250);
        assertEquals(List.of("ip nexthop del id 200", "ip nexthop add id 200 group 201,5/202,3 type resilient buckets 512 proto 250"),
                lines(new Change.Replace(smaller, RES)));
        Rule moved = new Rule(FROM.priority(), FROM.from(), FROM.oif(), FROM.fwmark(), 202, FROM.suppressPrefixLength(), 250);
        assertEquals(List.of("ip rule del priority 10010 from 198.18.1.2 lookup 201 proto 250",
                "ip rule add priority 10010 from 198.18.1.2 lookup 202 proto 250"), lines(new Change.Replace(FROM, moved)));
    }

    @Test
    void timersAndOnlinkAreWrittenWhenTheyMatter() {
        NexthopGroup quick = new NexthopGroup(200, RES.members(), true, 512, 5, 30, 250);
        assertEquals("ip nexthop add id 200 group 201,5/202,3 type resilient buckets 512 idle_timer 5 unbalanced_timer 30 proto 250",
                create(quick));
        assertEquals("ip nexthop replace id 200 group 201,5/202,3 type resilient buckets 512 idle_timer 120 unbalanced_timer 0 proto 250",
                one(new Change.Update(quick, RES)), "a replace names both timers: the kernel keeps a timer it is not given");
        assertEquals("ip nexthop add id 1000200 group 201,1/202,1 proto 250", create(PLAIN), "plain groups have no timers");
        Nexthop p2p = new Nexthop(201, "198.19.5.1", "wan1", true, 250);
        assertEquals("ip nexthop add id 201 via 198.19.5.1 dev wan1 onlink proto 250", create(p2p));
        Route viaP2p = new Route(201, "default", 0, new RouteTarget.Gateway("198.19.5.1", "wan1", true), 250);
        assertEquals("ip route add default table 201 via 198.19.5.1 dev wan1 onlink proto 250", create(viaP2p));
    }

    @Test
    void wordsThatAreNotPlainTokensAreNeverWritten() {
        // Names the kernel allows (a foreign rule's oif, a saved plan edited by hand) may be read, not written.
        Rule odd = new Rule(10020, Option.none(), Option.some("x;y$(id)"), Option.none(), 201, Option.none(), 250);
        String why = IP.render(List.of(new Change.Create(odd))).getLeft();
        assertTrue(why.startsWith("unsafe rule oif \"x;y$(id)\""), why);
        Nexthop spaced = new Nexthop(201, "1.2.3.4; reboot", "wan1", 250);
        assertTrue(IP.render(List.of(new Change.Create(spaced))).isLeft());
        assertTrue(new SysctlDriver(null, null).render(List.of(new Change.Create(new Sysctl("net/ipv4/conf/all/rp_filter", "1")))).isLeft(),
                "a setting name is dotted words, never a path");
    }

    @Test
    void deletingMlbsRuleLeavesAnIdenticalForeignRuleAlone() {
        // A rule someone made by hand before mlb (protocol 4 here), identical to mlb's but for the protocol: the
        // kernel holds both, and a `rule del` without proto would remove the older one, theirs.
        Rule theirs = new Rule(FROM.priority(), FROM.from(), FROM.oif(), FROM.fwmark(), FROM.table(), FROM.suppressPrefixLength(), 4);
        Route theirsToo = new Route(201, "default", 100, new RouteTarget.Gateway("198.18.2.1", "wan2"), 4);
        FakeKernel kernel = FakeKernel.standard().with(theirs, theirsToo, NH, VIA_GW, FROM);
        assertTrue(kernel.write(Diff.changes(kernel.state().ofProtocol(250), NetState.empty())).ok());
        assertEquals(List.of(theirs), kernel.state().rules());
        assertEquals(List.of(theirsToo), kernel.state().routes().values().toList());
    }
}
