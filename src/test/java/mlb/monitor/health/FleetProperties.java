package mlb.monitor.health;

import io.vavr.Tuple;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.SortedSet;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static mlb.monitor.health.Rounds.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The balancing set over three links whose answers come and go at random. */
class FleetProperties {
    private static final HealthPolicy P = new HealthPolicy(List.of("192.0.2.53"), 1, 2, 2, 8, Option.some(20), Option.none());
    private static final List<String> LINKS = List.of("isp1", "isp2", "isp3");

    /** Per round, which of the three links answered (bit i for link i), in runs so that links go down and up. */
    @Provide
    Arbitrary<List<Integer>> rounds() {
        return Arbitraries.integers().between(0, 7).flatMap(mask -> Arbitraries.integers().between(1, 6)
                .map(n -> List.fill(n, mask))).list().ofMaxSize(60).map(runs -> List.ofAll(runs).flatMap(r -> r));
    }

    @Property
    void theBalancingFollowsTheRules(@ForAll("rounds") List<Integer> rounds) {
        Fleet fleet = Fleet.start(LINKS.toMap(l -> Tuple.of(l, P)), HashSet.empty(), Rounds.T0);
        int i = 0;
        for (int mask : rounds) {
            int n = ++i;
            Map<String, Round> round = HashMap.ofEntries(LINKS.zipWithIndex().map(l -> Tuple.of(l._1,
                    (mask & 1 << l._2) != 0 ? Rounds.ok(P, n, ms(10)) : Rounds.failed(P, n))));
            fleet = fleet.next(round).after();
            check(fleet);
        }
    }

    private static void check(Fleet fleet) {
        SortedSet<String> keep = fleet.effective(LastResort.KEEP);
        SortedSet<String> main = fleet.effective(LastResort.MAIN);
        assertFalse(keep.isEmpty(), "KEEP never leaves the balancing empty");
        assertEquals(main, fleet.effective(LastResort.UNREACHABLE));
        if (!fleet.live().isEmpty()) {
            assertEquals(fleet.live(), keep, "with a live link, exactly the live links are in");
            assertEquals(keep, main);
        }
        boolean allDown = fleet.probed().values().forAll(h -> h.state() == State.DOWN);
        assertEquals(allDown ? fleet.names() : main, keep);
        assertEquals(allDown, main.isEmpty());
        for (String link : LINKS) {
            if (fleet.health(link).get().state() == State.UP) assertTrue(main.contains(link), link + " is UP but out");
        }
    }
}
