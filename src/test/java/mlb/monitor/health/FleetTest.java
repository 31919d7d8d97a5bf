package mlb.monitor.health;

import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static mlb.monitor.health.Rounds.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetTest {
    private static final HealthPolicy P = HealthPolicy.defaults(List.of("192.0.2.53"))
            .withQuality(20, Option.some(10), Option.none());

    private Fleet fleet = Fleet.start(HashMap.of("isp1", P, "isp2", P, "isp3", P), HashSet.empty(), Rounds.T0);
    private int round;

    /** One monitor round: each named link answers or not. */
    private List<Fleet.LinkEvent> round(boolean isp1, boolean isp2, boolean isp3) {
        round++;
        Fleet.Step s = fleet.next(HashMap.of("isp1", r(isp1), "isp2", r(isp2), "isp3", r(isp3)));
        fleet = s.after();
        return s.events();
    }

    private Round r(boolean ok) {
        return ok ? Rounds.ok(P, round, ms(10)) : Rounds.failed(P, round);
    }

    @Test
    void everyLinkIsInUntilSomethingIsKnown() {
        assertEquals(TreeSet.of("isp1", "isp2", "isp3"), fleet.live());
        assertEquals(TreeSet.of("isp1", "isp2", "isp3"), fleet.effective());
        assertFalse(fleet.settled());
        for (int i = 0; i < 3; i++) round(true, true, false);
        assertTrue(fleet.settled());
        assertEquals(TreeSet.of("isp1", "isp2"), fleet.effective());
    }

    @Test
    void withEveryLinkDownTheLastResortDecides() {
        for (int i = 0; i < 2; i++) round(false, false, false);
        List<Fleet.LinkEvent> events = round(false, false, false);
        assertEquals(List.of("isp1 down: 3/3 rounds lost, last rtt no answer yet",
                "isp2 down: 3/3 rounds lost, last rtt no answer yet",
                "isp3 down: 3/3 rounds lost, last rtt no answer yet"), events.map(Fleet.LinkEvent::line));
        assertEquals(TreeSet.empty(), fleet.live());
        assertEquals(TreeSet.of("isp1", "isp2", "isp3"), fleet.effective());
        assertEquals(TreeSet.of("isp1", "isp2", "isp3"), fleet.effective(LastResort.KEEP));
        assertEquals(TreeSet.empty(), fleet.effective(LastResort.MAIN));
        assertEquals(TreeSet.empty(), fleet.effective(LastResort.UNREACHABLE));
    }

    @Test
    void theFirstLinkBackIsInAloneWithoutWaitingForTheOthers() {
        for (int i = 0; i < 3; i++) round(false, false, false);
        for (int i = 0; i < 2; i++) round(false, true, false);
        assertEquals(TreeSet.of("isp1", "isp2", "isp3"), fleet.effective());
        round(false, true, false);
        assertEquals(TreeSet.of("isp2"), fleet.effective());
        assertEquals(TreeSet.of("isp2"), fleet.effective(LastResort.MAIN));
    }

    @Test
    void aDegradedLinkBeatsDeadOnes() {
        for (int i = 0; i < 3; i++) round(true, true, true);
        for (int i = 0; i < 20; i++) round(false, i % 4 != 0, true);
        assertEquals(State.DOWN, fleet.health("isp1").get().state());
        assertEquals(State.DEGRADED, fleet.health("isp2").get().state());
        assertEquals(TreeSet.of("isp3"), fleet.effective());
        for (int i = 0; i < 3; i++) round(false, true, false);
        assertEquals(State.DOWN, fleet.health("isp3").get().state());
        assertEquals(TreeSet.of("isp2"), fleet.effective(LastResort.UNREACHABLE));
    }

    @Test
    void anUnprobedLinkIsAlwaysIn() {
        Fleet f = Fleet.start(HashMap.of("isp1", P), HashSet.of("lan-uplink"), Rounds.T0);
        for (int i = 1; i <= 3; i++) f = f.next("isp1", Rounds.failed(P, i)).after();
        assertEquals(TreeSet.of("lan-uplink"), f.effective(LastResort.MAIN));
        assertEquals(TreeSet.of("isp1", "lan-uplink"), f.names());
        assertEquals(Option.none(), f.health("lan-uplink"));
        Fleet g = f;
        assertThrows(IllegalArgumentException.class, () -> g.next("lan-uplink", Rounds.ok(P, 4, ms(1))));
    }

    @Test
    void fleetsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> Fleet.start(HashMap.empty(), HashSet.empty(), Rounds.T0));
        assertThrows(IllegalArgumentException.class, () -> Fleet.start(HashMap.of("isp1", P), HashSet.of("isp1"), Rounds.T0));
    }
}
