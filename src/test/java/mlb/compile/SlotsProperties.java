package mlb.compile;

import io.vavr.collection.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The slots give each link its weight's share: exactly over a cycle, and closely within one. */
class SlotsProperties {
    @Property
    void aCycleGivesEachLinkExactlyItsReducedWeight(@ForAll @Size(min = 1, max = 8) java.util.List<@IntRange(min = 1, max = 256) Integer> weights) {
        List<Integer> w = List.ofAll(weights);
        List<Integer> cycle = Slots.cycle(w);
        int gcd = w.fold(0, SlotsProperties::gcd);
        assertEquals(w.sum().intValue() / gcd, cycle.size());
        for (int i = 0; i < w.size(); i++) {
            int link = i;
            assertEquals(w.get(i) / gcd, cycle.count(s -> s == link), "link " + i + " of " + w);
        }
    }

    /** Smooth weighted round robin: after any number of slots, each link is less than one slot from its share. */
    @Property
    void everyPrefixOfACycleIsCloseToTheShares(@ForAll @Size(min = 1, max = 8) java.util.List<@IntRange(min = 1, max = 64) Integer> weights) {
        List<Integer> w = List.ofAll(weights);
        List<Integer> cycle = Slots.cycle(w);
        double total = w.sum().doubleValue();
        int[] seen = new int[w.size()];
        for (int n = 1; n <= cycle.size(); n++) {
            seen[cycle.get(n - 1)]++;
            for (int i = 0; i < w.size(); i++) {
                double off = seen[i] - n * w.get(i) / total;
                assertTrue(Math.abs(off) < w.size(), "link " + i + " after " + n + " slots is " + off + " off, " + w);
            }
        }
    }

    @Property
    void rangesCoverEveryValueOnceInProportion(@ForAll @Size(min = 1, max = 8) java.util.List<@IntRange(min = 1, max = 256) Integer> weights) {
        List<Integer> w = List.ofAll(weights);
        List<Integer> starts = Slots.rangeStarts(w);
        assertEquals(0, starts.head());
        double total = w.sum().doubleValue();
        for (int i = 0; i < w.size(); i++) {
            int end = i + 1 < w.size() ? starts.get(i + 1) : Slots.RANDOM_VALUES;
            double exact = Slots.RANDOM_VALUES * w.get(i) / total;
            assertTrue(Math.abs(end - starts.get(i) - exact) < 1, "range " + i + " of " + w);
        }
    }

    /** All links live: exact per cycle when the reduced weights' sum divides the cycle, within one slot otherwise. */
    @Property
    void theLayoutHoldsEachLinksShareOfTheCycle(@ForAll @Size(min = 1, max = 8) java.util.List<@IntRange(min = 1, max = 256) Integer> weights) {
        List<Integer> w = List.ofAll(weights);
        java.util.Set<Integer> all = new java.util.HashSet<>();
        for (int i = 0; i < w.size(); i++) all.add(i);
        List<Integer> layout = Slots.layout(w, all);
        assertEquals(Slots.CYCLE, layout.size());
        double total = w.sum().doubleValue();
        for (int i = 0; i < w.size(); i++) {
            int link = i;
            assertTrue(Math.abs(layout.count(x -> x == link) - Slots.CYCLE * w.get(i) / total) < 1, "link " + i + " of " + w);
        }
    }

    /** Links out own no slot; only their slots change, and the live ones share them by weight. */
    @Property
    void linksOutGiveTheirSlotsAwayAndNothingElseMoves(@ForAll @Size(min = 2, max = 6) java.util.List<@IntRange(min = 1, max = 20) Integer> weights,
                                                       @ForAll @IntRange(min = 0, max = 5) int out) {
        List<Integer> w = List.ofAll(weights);
        java.util.Set<Integer> all = new java.util.HashSet<>(), live = new java.util.HashSet<>();
        for (int i = 0; i < w.size(); i++) {
            all.add(i);
            if (i != out % w.size()) live.add(i);
        }
        List<Integer> before = Slots.layout(w, all), after = Slots.layout(w, live);
        int dead = out % w.size();
        for (int s = 0; s < Slots.CYCLE; s++) {
            if (before.get(s) != dead) assertEquals(before.get(s), after.get(s), "slot " + s + " moved");
            else assertTrue(after.get(s) != dead);
        }
    }

    @Test
    void oneToOneToFourInterleaves() {
        assertEquals(List.of(2, 0, 2, 1, 2, 2), Slots.cycle(List.of(1, 1, 4)));
        assertEquals(List.of(1, 0, 1), Slots.cycle(List.of(100, 200)));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
