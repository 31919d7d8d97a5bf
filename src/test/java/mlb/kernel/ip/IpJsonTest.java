package mlb.kernel.ip;

import mlb.kernel.FixtureRunner;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.KernelObject;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.Rule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parsing of `ip -N -j -d` output captured from a real kernel (src/test/resources/fixtures/capture.sh says
 * exactly which commands made each object; the expectations below are those commands, read by hand).
 */
class IpJsonTest {
    private static List<JsonNode> entries(String fixture) {
        return List.ofAll(IpJson.tree(FixtureRunner.fixture(fixture)));
    }

    private static JsonNode rule(int priority, int index) {
        return entries("rules.json").filter(n -> n.path("priority").asInt() == priority).get(index);
    }

    private static JsonNode route(String fixture, String dst, long metric) {
        return entries(fixture).find(n -> n.path("dst").asText().equals(dst) && n.path("metric").asLong(0) == metric).get();
    }

    private static JsonNode nexthop(int id) {
        return entries("nexthops.json").find(n -> n.path("id").asInt() == id).get();
    }

    private static KernelObject known(Option<KernelObject> p) {
        assertTrue(p.isDefined(), "expected a modelled object");
        return p.get();
    }

    /** An entry mlb does not model: counted as foreign, never changed; its protocol is still read. */
    private static int unknown(JsonNode n, Option<KernelObject> p) {
        assertFalse(p.isDefined(), () -> "expected an entry mlb does not model, got " + p.get());
        return IpJson.protocol(n);
    }

    @Test
    void rulesMlbWrites() {
        // rule add priority 10000 lookup main suppress_prefixlength 0 proto 250
        assertEquals(new Rule(10000, Option.none(), Option.none(), Option.none(), 254, Option.some(0), 250),
                known(IpJson.rule(rule(10000, 0))));
        // rule add priority 10010 from 198.18.1.2 lookup 201 proto 250 (a host: no srclen in the output)
        assertEquals(new Rule(10010, Option.some("198.18.1.2"), Option.none(), Option.none(), 201, Option.none(), 250),
                known(IpJson.rule(rule(10010, 0))));
        assertEquals(Option.some("198.18.2.2"), ((Rule) known(IpJson.rule(rule(10010, 1)))).from());
        // rule add priority 10020 oif wan1 lookup 201 proto 250
        assertEquals(new Rule(10020, Option.none(), Option.some("wan1"), Option.none(), 201, Option.none(), 250),
                known(IpJson.rule(rule(10020, 0))));
        // rule add priority 10050 fwmark 0x1 lookup 201 proto 250
        assertEquals(Option.some(Rule.Mark.exactly(1L)), ((Rule) known(IpJson.rule(rule(10050, 0)))).fwmark());
        // rule add priority 10060 from 10.77.0.0/16 lookup 202 proto 250
        assertEquals(Option.some("10.77.0.0/16"), ((Rule) known(IpJson.rule(rule(10060, 0)))).from());
        // rule add priority 10090 lookup 200 proto 250
        assertEquals(new Rule(10090, Option.none(), Option.none(), Option.none(), 200, Option.none(), 250),
                known(IpJson.rule(rule(10090, 0))));
    }

    private static JsonNode pinRule(int priority) {
        return entries("rules-pins.json").find(n -> n.path("priority").asInt() == priority).get();
    }

    @Test
    void pinRulesMlbWrites() {
        // rule add priority 10040 from 10.77.0.0/24 to 198.51.100.0/24 ipproto 6 sport 1000-2000 dport 443 lookup 201 proto 250
        assertEquals(new Rule(10040, Option.some("10.77.0.0/24"), Option.none(), Option.none(),
                        new Rule.Match(Option.some("198.51.100.0/24"), Option.some(6), Option.some(new Rule.Ports(1000, 2000)),
                                Option.some(new Rule.Ports(443, 443))), Rule.Action.LOOKUP, 201, Option.none(), 250),
                known(IpJson.rule(pinRule(10040))));
        // rule add priority 10041 ipproto 17 dport 53 blackhole proto 250
        assertEquals(new Rule(10041, Option.none(), Option.none(), Option.none(), new Rule.Match(Option.none(), Option.some(17),
                        Option.none(), Option.some(new Rule.Ports(53, 53))), Rule.Action.BLACKHOLE, 0, Option.none(), 250),
                known(IpJson.rule(pinRule(10041))));
        // rule add priority 10042 to 198.51.100.7 ipproto 47 lookup 202 proto 250 (a host: no dstlen)
        assertEquals(new Rule.Match(Option.some("198.51.100.7"), Option.some(47), Option.none(), Option.none()),
                ((Rule) known(IpJson.rule(pinRule(10042)))).match());
    }

    @Test
    void rulesOfOtherShapesAreUnknownButKeepTheirProtocol() {
        assertEquals(3, unknown(rule(501, 0), IpJson.rule(rule(501, 0))), "iif");
        // Pins' selectors are modelled (route mode writes them); of another protocol, such rules stay foreign.
        assertEquals(new Rule(502, Option.none(), Option.none(), Option.none(), new Rule.Match(Option.some("10.77.2.0/24"),
                Option.none(), Option.none(), Option.none()), Rule.Action.LOOKUP, 300, Option.none(), 0), known(IpJson.rule(rule(502, 0))));
        assertEquals(99, ((Rule) known(IpJson.rule(rule(503, 0)))).protocol());
        JsonNode unreachable = pinRule(10043);
        assertEquals(250, unknown(unreachable, IpJson.rule(unreachable)), "an unreachable rule: mlb writes blackhole only");
        JsonNode iif250 = rule(10095, 0);
        assertEquals(250, unknown(iif250, IpJson.rule(iif250)), "mlb's protocol, but not a shape mlb makes");
        assertEquals("wan2", iif250.path("iif").asText());
        // The kernel's own rules come back as rules of protocol 2 (kernel), so they are counted as foreign.
        assertEquals(new Rule(0, Option.none(), Option.none(), Option.none(), 255, Option.none(), 2),
                known(IpJson.rule(rule(0, 0))));
        assertEquals(4, ((Rule) known(IpJson.rule(rule(500, 0)))).protocol());
    }

    @Test
    void routesMlbWrites() {
        // route add default table 200 nhid 200 proto 250 (the output also lists nh_info and the nexthops)
        assertEquals(new Route(200, "default", 0, new RouteTarget.Group(200), 250),
                known(IpJson.route(route("routes-200.json", "default", 0), 200)));
        // route add unreachable default table 200 metric 4294967295 proto 250
        assertEquals(new Route(200, "default", 4294967295L, new RouteTarget.Unreachable(), 250),
                known(IpJson.route(route("routes-200.json", "default", 4294967295L), 200)));
        // route add 198.51.100.0/24 table 200 via 198.18.1.1 dev wan1 proto 250
        assertEquals(new Route(200, "198.51.100.0/24", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 250),
                known(IpJson.route(route("routes-200.json", "198.51.100.0/24", 0), 200)));
        // route add 198.51.100.128/25 table 200 via 198.18.2.1 dev wan2 metric 100 proto 250
        assertEquals(new Route(200, "198.51.100.128/25", 100, new RouteTarget.Gateway("198.18.2.1", "wan2"), 250),
                known(IpJson.route(route("routes-200.json", "198.51.100.128/25", 100), 200)));
        assertEquals(new Route(201, "default", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 250),
                known(IpJson.route(route("routes-201.json", "default", 0), 201)));
    }

    @Test
    void routesOfOtherShapes() {
        // route add 10.77.6.0/24 table 200 proto 3 nexthop via ... nexthop via ...: multipath without an object
        assertEquals(3, unknown(route("routes-200.json", "10.77.6.0/24", 0), IpJson.route(route("routes-200.json", "10.77.6.0/24", 0), 200)));
        // route add blackhole 10.77.8.0/24 table 200 proto 250
        assertEquals(250, unknown(route("routes-200.json", "10.77.8.0/24", 0), IpJson.route(route("routes-200.json", "10.77.8.0/24", 0), 200)));
        // route add 10.77.7.0/24 table 202 nhid 8 proto 4: the output repeats gateway and dev; nhid is what counts
        assertEquals(new Route(202, "10.77.7.0/24", 0, new RouteTarget.Group(8), 4),
                known(IpJson.route(route("routes-202.json", "10.77.7.0/24", 0), 202)));
        // connected routes in main have a device but no gateway: on the device only, like `via 0.0.0.0`
        JsonNode connected = entries("routes-main.json").find(n -> n.path("protocol").asText().equals("2")).get();
        assertEquals(new Route(254, "198.18.1.0/24", 0, new RouteTarget.Gateway(Nexthop.NO_GATEWAY, "wan1"), 2),
                known(IpJson.route(connected, 254)));
        assertEquals("route type 6 10.77.8.0/24 table 200 proto 250", IpJson.routeWords(route("routes-200.json", "10.77.8.0/24", 0), 200));
        assertEquals("route 10.77.6.0/24 table 200 multipath proto 3", IpJson.routeWords(route("routes-200.json", "10.77.6.0/24", 0), 200));
    }

    @Test
    void nexthopsAndGroups() {
        assertEquals(new Nexthop(201, "198.18.1.1", "wan1", 250), known(IpJson.nexthop(nexthop(201))));
        // nexthop add id 200 group 201,5/202,1 type resilient buckets 512 proto 250: weight 1 is not printed
        assertEquals(new NexthopGroup(200, List.of(new NexthopGroup.Member(201, 5), new NexthopGroup.Member(202, 1)), true, 512, 250),
                known(IpJson.nexthop(nexthop(200))));
        assertEquals(new NexthopGroup(1000200, List.of(new NexthopGroup.Member(201, 5), new NexthopGroup.Member(202, 1)), false, 0, 250),
                known(IpJson.nexthop(nexthop(1000200))));
        assertEquals(new NexthopGroup(8, List.of(new NexthopGroup.Member(7, 1)), false, 0, 4), known(IpJson.nexthop(nexthop(8))));
        assertEquals(0, unknown(nexthop(9), IpJson.nexthop(nexthop(9))), "blackhole");
        assertEquals("nexthop id 9 blackhole proto 0", IpJson.nexthopWords(nexthop(9)));
        // nexthop add id 210 via 0.0.0.0 dev wan1 proto 250: the kernel keeps it without a gateway
        assertEquals(new Nexthop(210, Nexthop.NO_GATEWAY, "wan1", 250), known(IpJson.nexthop(nexthop(210))));
    }

    @Test
    void onlinkFlagsAndGroupTimersAsThisKernelPrintsThem() {
        // nexthop add id 201 via 198.19.5.1 dev wan1 onlink proto 250; id 200 ... idle_timer 5 unbalanced_timer 30
        JsonNode n = IpJson.tree("""
                [{"id":200,"group":[{"id":201,"weight":2},{"id":202}],"type":"resilient","resilient_args":{"buckets":64,\
                "idle_timer":5,"unbalanced_timer":30,"unbalanced_time":0},"scope":"0","protocol":"250","flags":[]},\
                {"id":201,"gateway":"198.19.5.1","dev":"wan1","scope":"253","protocol":"250","flags":["onlink"]}]""");
        assertEquals(new NexthopGroup(200, List.of(new NexthopGroup.Member(201, 2), new NexthopGroup.Member(202, 1)), true, 64, 5, 30, 250),
                known(IpJson.nexthop(n.get(0))));
        assertEquals(new Nexthop(201, "198.19.5.1", "wan1", true, 250), known(IpJson.nexthop(n.get(1))));
        JsonNode r = IpJson.tree("""
                [{"type":"1","dst":"default","gateway":"198.19.5.1","dev":"wan1","protocol":"250","scope":"0","flags":["onlink"]}]""");
        assertEquals(new Route(201, "default", 0, new RouteTarget.Gateway("198.19.5.1", "wan1", true), 250),
                known(IpJson.route(r.get(0), 201)));
    }

    @Test
    void unreadableOutputIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> IpJson.tree(FixtureRunner.fixture("routes-999.stdout")),
                "the partial output of a failed dump");
        assertEquals(0, IpJson.tree("").size());
    }
}
