package mlb.compile;

import io.vavr.collection.List;

/**
 * Which link each slot of the number generator picks, so that shares follow the weights. Pure.
 *
 * The wrr map always has CYCLE slots (`numgen inc mod 60`), whatever the weights and whichever links are out:
 * a weight change or a link leaving changes map elements only, never the rule. 60 is divisible by every sum of
 * reduced weights up to 6 and by 10, 12, 15, 20 and 30 (1:1, 1:2, 2:3:5, five equal links...), so such shares
 * are exact per cycle; others are apportioned, within one slot of 60. Every slot is an element that each plan
 * reads and compares: 60 keeps a plan of a connmark spec within reach of a route-mode one (360 cost a fifth).
 *
 * A cycle (wrr): the weights divided by their common divisor, one slot per unit, interleaved by smooth weighted
 * round robin: over every full cycle each link gets exactly its weight's share, and within a cycle no link
 * waits long (a 1:1:4 cycle is c a c b c c, not a b c c c c). Ranges (random): 65536 values split in
 * proportion to the weights, by largest remainder, each link one contiguous range.
 */
final class Slots {
    static final int RANDOM_VALUES = 65536;
    static final int CYCLE = 60;

    private Slots() {
    }

    /** The link index of each slot of one cycle; its length is the sum of the reduced weights. */
    static List<Integer> cycle(List<Integer> weights) {
        int gcd = weights.fold(0, Slots::gcd);
        List<Integer> w = weights.map(x -> x / gcd);
        int total = w.sum().intValue();
        long[] current = new long[w.size()];
        java.util.List<Integer> out = new java.util.ArrayList<>(total);
        for (int slot = 0; slot < total; slot++) {
            int best = 0;
            for (int i = 0; i < current.length; i++) {
                current[i] += w.get(i);
                if (current[i] > current[best]) best = i;
            }
            current[best] -= total;
            out.add(best);
        }
        return List.ofAll(out);
    }

    /**
     * The link index of each of the CYCLE slots: the weights' interleaved cycle repeated (or, when its length
     * does not divide CYCLE, apportioned counts interleaved), then the slots of links that are not live given,
     * in order, to the live ones by their weights. Empty when no link is live.
     */
    static List<Integer> layout(List<Integer> weights, java.util.Set<Integer> live) {
        if (live.isEmpty()) return List.empty();
        int gcd = weights.fold(0, Slots::gcd);
        List<Integer> w = weights.map(x -> x / gcd);
        int total = w.sum().intValue();
        List<Integer> base = CYCLE % total == 0 ? cycle(w) : cycle(apportion(w, CYCLE));
        java.util.List<Integer> out = new java.util.ArrayList<>(CYCLE);
        for (int i = 0; out.size() < CYCLE; i++) out.add(base.get(i % base.size()));
        java.util.List<Integer> liveIndex = new java.util.ArrayList<>(new java.util.TreeSet<>(live));
        long[] current = new long[liveIndex.size()];
        long liveTotal = liveIndex.stream().mapToLong(w::get).sum();
        for (int slot = 0; slot < CYCLE; slot++) {
            if (live.contains(out.get(slot))) continue;
            int best = 0;
            for (int i = 0; i < current.length; i++) {
                current[i] += w.get(liveIndex.get(i));
                if (current[i] > current[best]) best = i;
            }
            current[best] -= liveTotal;
            out.set(slot, liveIndex.get(best));
        }
        return List.ofAll(out);
    }

    /** n split in proportion to the weights, by largest remainder. */
    private static List<Integer> apportion(List<Integer> weights, int n) {
        long total = weights.sum().longValue();
        int[] size = new int[weights.size()];
        double[] rest = new double[weights.size()];
        int given = 0;
        for (int i = 0; i < size.length; i++) {
            double exact = (double) n * weights.get(i) / total;
            size[i] = (int) Math.floor(exact);
            rest[i] = exact - size[i];
            given += size[i];
        }
        for (; given < n; given++) {
            int best = 0;
            for (int i = 1; i < rest.length; i++) if (rest[i] > rest[best]) best = i;
            size[best]++;
            rest[best] = -1;
        }
        return List.ofAll(size);
    }

    /** The first value of each link's range of 0..65535 (the last is the next one's first minus one). */
    static List<Integer> rangeStarts(List<Integer> weights) {
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        int at = 0;
        for (int size : apportion(weights, RANDOM_VALUES)) {
            starts.add(at);
            at += size;
        }
        return List.ofAll(starts);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
