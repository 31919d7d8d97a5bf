package mlb.model;

/**
 * Every word mlb hands to iproute2 passes through here, so no value from a spec or the kernel can smuggle a
 * second argument or command into a batch line.
 */
public final class Tokens {
    private static final int MAX = 64;

    private Tokens() {
    }

    public static String require(String word, String what) {
        if (word == null || word.isEmpty() || word.length() > MAX || !word.chars().allMatch(Tokens::safe)) {
            throw new IllegalArgumentException("unsafe " + what + ": " + word);
        }
        return word;
    }

    /** Letters, digits and `_ . : / @ -`: enough for names, addresses and prefixes, never a separator. */
    private static boolean safe(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.:/@-".indexOf(c) >= 0;
    }
}
