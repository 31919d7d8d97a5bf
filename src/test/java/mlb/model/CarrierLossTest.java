package mlb.model;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CarrierLossTest {
    private static final int P = 250;

    @Test
    void theDevicesNexthopsGoAndTheirGroupsShrinkWhileGatewayRoutesOnItStay() {
        NetState before = NetState.of(List.of(
                new Nexthop(201, "198.18.1.1", "isp1", false, P),
                new Nexthop(202, "198.18.2.1", "isp2", false, P),
                new NexthopGroup(200, List.of(new NexthopGroup.Member(201, 2), new NexthopGroup.Member(202, 3)), true, 512,
                        120, 0, P),
                new NexthopGroup(210, List.of(new NexthopGroup.Member(202, 1)), false, 0, 0, 0, P),
                new Route(200, "default", 0, new RouteTarget.Group(200), P),
                new Route(210, "default", 0, new RouteTarget.Group(210), P),
                new Route(202, "default", 0, new RouteTarget.Gateway("198.18.2.1", "isp2"), P)));
        NetState after = CarrierLoss.after(before, "isp2");
        assertTrue(after.get(new Nexthop(202, "198.18.2.1", "isp2", false, P).key()).isEmpty());
        NexthopGroup g = (NexthopGroup) after.all(NexthopGroup.class).find(x -> x.id() == 200).get();
        assertEquals(List.of(201), g.members().map(NexthopGroup.Member::id));
        assertTrue(after.all(NexthopGroup.class).find(x -> x.id() == 210).isEmpty(), "a group left empty goes");
        assertEquals(List.of(200, 202), after.all(Route.class).map(Route::table).toList(),
                "the route through the emptied group goes; the gateway route stays, linkdown");
        assertEquals(before, CarrierLoss.after(before, "isp9"), "another device: nothing");
    }
}
