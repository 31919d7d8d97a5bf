package mlb.kernel.ip;

import io.vavr.control.Either;

/**
 * Every word mlb hands to iproute2 passes through here, so no value from a spec, a saved plan or the kernel can
 * smuggle a second argument or command into a batch line. Reading accepts any name; writing only plain tokens.
 */
final class Tokens {
    private static final int MAX = 64;

    private Tokens() {
    }

    /** The word itself, or why it cannot be written. */
    static Either<String, String> check(String word, String what) {
        if (word.isEmpty() || word.length() > MAX || !word.chars().allMatch(Tokens::safe)) {
            return Either.left("unsafe " + what + " " + quoted(word) + ": mlb only writes words of letters, digits and _ . : / @ -");
        }
        return Either.right(word);
    }

    /** Letters, digits and `_ . : / @ -`: enough for names, addresses and prefixes, never a separator. */
    private static boolean safe(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.:/@-".indexOf(c) >= 0;
    }

    private static String quoted(String word) {
        StringBuilder s = new StringBuilder("\"");
        word.codePoints().limit(MAX).forEach(c -> {
            if (c < 0x20 || c == 0x7f) s.append(String.format("\\x%02x", c));
            else s.appendCodePoint(c);
        });
        return s.append(word.length() > MAX ? "…\"" : "\"").toString();
    }
}
