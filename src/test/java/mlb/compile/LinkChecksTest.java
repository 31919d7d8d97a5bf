package mlb.compile;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.model.Device;
import mlb.model.Nexthop;
import mlb.model.Rule;
import mlb.spec.Balancer;
import mlb.spec.Check;
import mlb.spec.Code;
import mlb.spec.Diagnostic;
import mlb.spec.Link;
import mlb.spec.Spec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the kernel would refuse about a link is refused at compile time, with the link and the reason. */
class LinkChecksTest {
    private static final Device WAN1 = new Device("wan1", true, true, List.of(new Device.Address("198.18.1.2", 24)));
    private static final Device WAN2 = new Device("wan2", true, true, List.of(new Device.Address("198.18.2.2", 24)));

    private static Link link(String name, String dev, String gateway, boolean onlink) {
        return new Link(name, dev, gateway, onlink, 1, Option.none(), Option.none(), List.empty(), Check.none());
    }

    private static Validation<List<Diagnostic>, Compiler.Compiled> compile(Option<io.vavr.collection.Set<String>> balancing,
                                                                       Link... links) {
        return compile(balancing, WAN1, links);
    }

    private static Validation<List<Diagnostic>, Compiler.Compiled> compile(Option<io.vavr.collection.Set<String>> balancing,
                                                                       Device wan1, Link... links) {
        Facts facts = new Facts(TreeMap.of("wan1", wan1, "wan2", WAN2), true);
        return Compiler.compile(new Spec(Balancer.defaults(), List.of(links), ""), facts, balancing);
    }

    private static String onlyError(String gateway, boolean onlink) {
        Validation<List<Diagnostic>, Compiler.Compiled> v = compile(Option.none(), link("isp1", "wan1", gateway, onlink),
                link("isp2", "wan2", "198.18.2.1", false));
        assertTrue(v.isInvalid(), () -> gateway + " was accepted");
        assertEquals(1, v.getError().size(), v.getError()::toString);
        assertEquals(Code.BAD_GATEWAY, v.getError().head().code());
        assertEquals("link[0].gateway", v.getError().head().keyPath(), "its place in the spec, for --json");
        return v.getError().head().toString();
    }

    @Test
    void aGatewayMustBeARouterOnTheDevicesNetwork() {
        assertEquals("link isp1: gateway 198.18.1.2 is wan1's own address (write the address of the ISP's router on this link)",
                onlyError("198.18.1.2", false));
        assertEquals("link isp1: gateway 198.18.1.255 is the broadcast address of 198.18.1.0/24 on wan1, not a router",
                onlyError("198.18.1.255", false));
        assertEquals("link isp1: gateway 198.18.1.0 is the network address of 198.18.1.0/24 on wan1, not a router",
                onlyError("198.18.1.0", true));
        assertEquals("link isp1: gateway 198.18.9.1 is not on a network of wan1 (its networks: 198.18.1.0/24), so the"
                + " kernel would refuse it (correct the gateway, or set onlink = true if the ISP's router answers on this"
                + " link anyway)", onlyError("198.18.9.1", false));
        assertTrue(compile(Option.none(), link("isp1", "wan1", "198.18.9.1", true), link("isp2", "wan2", "198.18.2.1", false)).isValid(),
                "onlink: the router is reachable without a shared network");
    }

    @Test
    void aPointToPointPeerIsOnTheLinksNetwork() {
        Device ppp = new Device("wan1", true, true, List.of(new Device.Address("198.19.5.2", 32, Option.some("198.19.5.1"))));
        assertTrue(compile(Option.none(), ppp, link("isp1", "wan1", "198.19.5.1", false)).isValid());
        assertTrue(compile(Option.none(), ppp, link("isp1", "wan1", "198.19.5.3", false)).isInvalid());
    }

    @Test
    void aDeviceThatIsDownOrWithoutCarrierIsRefusedWhileItsLinkCarriesTraffic() {
        Device down = new Device("wan1", false, false, WAN1.addresses());
        Validation<List<Diagnostic>, Compiler.Compiled> v = compile(Option.none(), down, link("isp1", "wan1", "198.18.1.1", false));
        assertEquals(List.of("link isp1: device wan1 is down (bring it up: ip link set wan1 up)"), v.getError().map(Object::toString));
        assertEquals(Code.DEVICE_UNUSABLE, v.getError().head().code());
        Device unplugged = new Device("wan1", true, false, WAN1.addresses());
        v = compile(Option.none(), unplugged, link("isp1", "wan1", "198.18.1.1", false));
        assertEquals(List.of("link isp1: device wan1 has no carrier (is the cable in and the modem on?)"), v.getError().map(Object::toString));
    }

    @Test
    void aLinkTheMonitorTookOutWhoseDeviceIsDownHasNoObjects() {
        Device down = new Device("wan1", false, false, WAN1.addresses());
        Compiler.Compiled c = compile(Option.some(TreeSet.of("isp2")), down, link("isp1", "wan1", "198.18.1.1", false),
                link("isp2", "wan2", "198.18.2.1", false)).get();
        assertTrue(c.desired().all(Nexthop.class).forAll(n -> n.dev().equals("wan2")), c.desired()::toString);
        assertTrue(c.desired().all(Rule.class).forAll(r -> !r.oif().contains("wan1")));
        assertEquals(List.of("isp1 has no objects while device wan1 is down (bring it up: ip link set wan1 up): the kernel"
                + " deleted its nexthops; they return with the device"), c.notes());
    }
}
