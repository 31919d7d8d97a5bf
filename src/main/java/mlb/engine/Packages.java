package mlb.engine;

import java.util.Map;

/** Which Debian package brings a program mlb runs, for the "missing tool" message. */
final class Packages {
    private static final Map<String, String> BY_PROGRAM = Map.of(
            "ip", "iproute2", "tc", "iproute2", "nft", "nftables", "git", "git", "setsid", "util-linux",
            "tee", "coreutils", "cat", "coreutils");

    private Packages() {
    }

    static String providing(String program) {
        return BY_PROGRAM.getOrDefault(name(program), "the package that provides " + name(program));
    }

    static String name(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }
}
