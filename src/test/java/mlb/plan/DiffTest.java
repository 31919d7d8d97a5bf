package mlb.plan;

import io.vavr.collection.List;
import mlb.kernel.FakeKernel;
import mlb.model.Change;
import mlb.model.NetState;
import mlb.model.StateArbitraries;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.Route;
import mlb.model.RouteTarget;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Examples of Diff, each one a case the properties found or the design names. */
class DiffTest {
    private static final Nexthop NH1 = new Nexthop(1, "198.18.1.1", "wan1", 250);
    private static final Nexthop NH2 = new Nexthop(2, "198.18.2.1", "wan2", 250);

    private static NexthopGroup resilient(int buckets, int w1, int w2) {
        return new NexthopGroup(100, List.of(new NexthopGroup.Member(1, w1), new NexthopGroup.Member(2, w2)), true, buckets, 250);
    }

    private static List<String> lines(Plan plan) {
        return FakeKernel.standard().kernel().commands(plan.changes()).get();
    }

    private static Plan plan(NetState current, NetState desired) {
        return Plan.of(current, desired, List.empty(), StateArbitraries.SCOPE);
    }

    @Test
    void aReplacedGroupWithoutRoutesIsDeletedAndCreated() {
        NetState current = NetState.of(List.of(NH1, NH2, resilient(256, 1, 1)));
        NetState desired = NetState.of(List.of(NH1, NH2, resilient(512, 1, 1)));
        Plan plan = plan(current, desired);
        assertEquals(List.of("ip nexthop del id 100", "ip nexthop add id 100 group 1,1/2,1 type resilient buckets 512 proto 250"),
                lines(plan));
        assertEquals("1 to add, 0 to change, 1 to destroy", plan.summary());
    }

    @Test
    void aWeightChangeIsOneInPlaceUpdate() {
        Route r = new Route(200, "default", 0, new RouteTarget.Group(100), 250);
        NetState current = NetState.of(List.of(NH1, NH2, resilient(512, 5, 1), r));
        NetState desired = NetState.of(List.of(NH1, NH2, resilient(512, 3, 1), r));
        Plan plan = plan(current, desired);
        assertEquals(List.of("ip nexthop replace id 100 group 1,3/2,1 type resilient buckets 512 idle_timer 120 unbalanced_timer 0 proto 250"), lines(plan));
        assertTrue(plan.changes().head() instanceof Change.Update);
    }

    @Test
    void theRoutesOfAReplacedGroupAreCreatedAgainAfterIt() {
        Route r = new Route(200, "default", 0, new RouteTarget.Group(100), 250);
        NetState current = NetState.of(List.of(NH1, NH2, resilient(256, 1, 1), r));
        NetState desired = NetState.of(List.of(NH1, NH2, resilient(512, 1, 1), r));
        Plan plan = plan(current, desired);
        FakeKernel kernel = FakeKernel.standard().with(current.all().toList());
        assertTrue(kernel.write(plan.changes()).ok());
        assertEquals(desired, kernel.state().ofProtocol(250));
        assertEquals(List.of("route default table 200 nhid 100 (group 100 deleted)"), kernel.cascades());
    }

    @Test
    void aRouteThroughAReplacedGroupThatIsToGoIsDeletedBeforeTheGroup() {
        Route viaGroup = new Route(200, "default", 0, new RouteTarget.Group(100), 250);
        Route lastResort = new Route(200, "default", 4294967295L, new RouteTarget.Unreachable(), 250);
        NetState current = NetState.of(List.of(NH1, NH2, resilient(512, 1, 1), viaGroup, lastResort));
        NetState desired = NetState.of(List.of(NH1, NH2, resilient(256, 1, 1), lastResort));
        Plan plan = plan(current, desired);
        assertEquals(List.of("ip route del default table 200 proto 250", "ip nexthop del id 100",
                "ip nexthop add id 100 group 1,1/2,1 type resilient buckets 256 proto 250"), lines(plan));
        FakeKernel kernel = FakeKernel.standard().with(current.all().toList());
        assertTrue(kernel.write(plan.changes()).ok());
        assertEquals(desired, kernel.state().ofProtocol(250), "the unreachable route is still there");
        assertTrue(kernel.cascades().isEmpty());
        assertTrue(PlanText.render(plan).contains("Routes:\n  -   default table 200 nhid 100\n"), PlanText.render(plan));
    }
}
