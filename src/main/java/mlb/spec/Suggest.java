package mlb.spec;

import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** "Did you mean": the closest valid word within two edits (spec keys and names, the CLI's options). */
public final class Suggest {
    private static final int MAX_EDITS = 2;

    private Suggest() {
    }

    /**
     * The candidate nearest to word, if within two edits; the first one wins a tie, so callers list keys in
     * the order they are usually written. A word no longer than the edits needed is not a typo of anything.
     */
    public static Option<String> closest(String word, Seq<String> candidates) {
        return candidates
                .map(c -> io.vavr.Tuple.of(c, distance(word.toLowerCase(), c.toLowerCase())))
                .filter(t -> t._2 <= MAX_EDITS && t._2 < word.length())
                .minBy(t -> t._2)
                .map(t -> t._1);
    }

    /** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
