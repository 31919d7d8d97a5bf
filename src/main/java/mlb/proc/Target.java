package mlb.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where mlb acts: the host's own network namespace, or a named one (`--netns`). */
public record Target(Optional<String> netns) {
    /** Set in a copy of mlb started inside the namespace it acts on (named here), so it does not enter it again. */
    public static final String INSIDE_ENV = "MLB_MONITOR_NETNS";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public Target {
        netns.ifPresent(n -> {
            if (!NAME.matcher(n).matches() || n.startsWith(".")) {
                throw new IllegalArgumentException("invalid network namespace name: " + n);
            }
        });
    }

    public static Target host() {
        return new Target(Optional.empty());
    }

    public static Target netns(String name) {
        return new Target(Optional.of(name));
    }

    /** The target of an id (as history entries record it): "host" or "netns-NAME"; empty for anything else. */
    public static Optional<Target> fromId(String id) {
        if (id.equals("host")) return Optional.of(host());
        if (!id.startsWith("netns-")) return Optional.empty();
        try {
            return Optional.of(netns(id.substring("netns-".length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A name safe for file paths: "host" or "netns-NAME". */
    public String id() {
        return netns.map(n -> "netns-" + n).orElse("host");
    }

    /** argv prefix for iproute2: `ip` or `ip -n NS`. */
    public List<String> ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        netns.ifPresent(n -> argv.addAll(List.of("-n", n)));
        argv.addAll(List.of(args));
        return argv;
    }

    /**
     * argv to run a program inside the target namespace (`ip netns exec NS ...`), or directly on the host or when
     * this process already runs inside NS (the monitor does): `ip netns exec` is a second process and remounts
     * /sys, which made each of the monitor's nft writes tens of ms slower.
     */
    public List<String> exec(String... args) {
        List<String> argv = new ArrayList<>();
        netns.filter(n -> !inside(n)).ifPresent(n -> argv.addAll(List.of("ip", "netns", "exec", n)));
        argv.addAll(List.of(args));
        return argv;
    }

    /** Whether this process runs in the target's network namespace: the host's, or the named one it is inside. */
    public boolean here() {
        return netns.map(Target::inside).orElseGet(() -> !System.getenv().containsKey(INSIDE_ENV));
    }

    /** Whether this process's network namespace is the one named (the same nsfs inode as /run/netns/NAME). */
    static boolean inside(String netns) {
        try {
            return Files.isSameFile(Path.of("/proc/self/ns/net"), Path.of("/run/netns", netns));
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return netns.map(n -> "netns " + n).orElse("host");
    }
}
