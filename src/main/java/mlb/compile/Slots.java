package mlb.compile;

import io.vavr.collection.List;

/**
 * Which link each slot of the number generator picks, so that shares follow the weights. Pure.
 *
 * A cycle (wrr): the weights divided by their common divisor, one slot per unit, interleaved by smooth weighted
 * round robin: over every full cycle each link gets exactly its weight's share, and within a cycle no link
 * waits long (a 1:1:4 cycle is c a c b c c, not a b c c c c). Ranges (random): 65536 values split in
 * proportion to the weights, by largest remainder, each link one contiguous range.
 */
final class Slots {
    static final int RANDOM_VALUES = 65536;

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

    /** The first value of each link's range of 0..65535 (the last is the next one's first minus one). */
    static List<Integer> rangeStarts(List<Integer> weights) {
        long total = weights.sum().longValue();
        int[] size = new int[weights.size()];
        double[] rest = new double[weights.size()];
        int given = 0;
        for (int i = 0; i < size.length; i++) {
            double exact = (double) RANDOM_VALUES * weights.get(i) / total;
            size[i] = (int) Math.floor(exact);
            rest[i] = exact - size[i];
            given += size[i];
        }
        for (; given < RANDOM_VALUES; given++) {
            int best = 0;
            for (int i = 1; i < rest.length; i++) if (rest[i] > rest[best]) best = i;
            size[best]++;
            rest[best] = -1;
        }
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        int at = 0;
        for (int s : size) {
            starts.add(at);
            at += s;
        }
        return List.ofAll(starts);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
