package mlb.model;

import java.util.regex.Pattern;

/**
 * Every word mlb hands to iproute2 passes through here, so no value from a spec or the kernel can smuggle a
 * second argument or command into a batch line.
 */
public final class Tokens {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:/@-]{1,64}");

    private Tokens() {
    }

    public static String require(String word, String what) {
        if (word == null || !SAFE.matcher(word).matches()) {
            throw new IllegalArgumentException("unsafe " + what + ": " + word);
        }
        return word;
    }
}
