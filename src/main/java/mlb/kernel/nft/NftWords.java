package mlb.kernel.nft;

import io.vavr.control.Either;

/**
 * Every word of an nft script that comes from an object passes through here: names are plain identifiers (the
 * model checks them), device names are quoted and may hold only the characters a Linux interface name is made
 * of here, so no value can end a command or start another one inside the transaction.
 */
final class NftWords {
    /** Compiled once: every element of a list is written through it. */
    private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile("[0-9a-fA-F.:]{2,39}(/\\d{1,3})?");

    private NftWords() {
    }

    static Either<String, String> device(String dev) {
        if (!dev.matches("[A-Za-z0-9_.:@-]{1,15}")) return Either.left("unsafe device name for nft: \"" + dev + "\"");
        return Either.right("\"" + dev + "\"");
    }

    static Either<String, String> prefix(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) return Either.left("unsafe address for nft: \"" + prefix + "\"");
        return Either.right(prefix);
    }

    static String hex(long n) {
        return String.format("0x%08x", n);
    }
}
