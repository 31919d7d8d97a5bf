package mlb.engine;

import mlb.kernel.Kernel;
import mlb.proc.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the engine needs from the outside world: the audit state directory, the kernel of a target and whether
 * that target exists at all, the confirm watchers, a clock, and who is acting on which host (for the records).
 * Tests hand in fakes.
 */
public record Workspace(Path stateDir, Function<Target, Kernel> kernels, Watchers watchers, Clock clock,
                        String user, String host, Predicate<Target> present) {

    /** A world whose every target exists, as a fake kernel's do. */
    public Workspace(Path stateDir, Function<Target, Kernel> kernels, Watchers watchers, Clock clock, String user,
                     String host) {
        this(stateDir, kernels, watchers, clock, user, host, t -> true);
    }

    /** The real machine: iproute2 and /proc/sys of the target, detached watcher processes, the system clock. */
    public static Workspace system(Path stateDir) {
        return new Workspace(stateDir, Kernel::of, new ProcessWatchers(), Clock.systemUTC(), currentUser(), hostName(),
                Workspace::namedNamespaceExists);
    }

    /** The same world with another kernel, e.g. a fake one: its namespaces are the ones it has, all of them. */
    public Workspace withKernels(Function<Target, Kernel> other) {
        return new Workspace(stateDir, other, watchers, clock, user, host, t -> true);
    }

    /** The same world where only these targets exist. */
    public Workspace withPresent(Predicate<Target> exists) {
        return new Workspace(stateDir, kernels, watchers, clock, user, host, exists);
    }

    /** `ip netns add NAME` makes /run/netns/NAME, and `ip -n NAME` opens exactly that file (via /var/run). */
    private static boolean namedNamespaceExists(Target t) {
        return t.netns().map(n -> Files.exists(Path.of("/run/netns", n)) || Files.exists(Path.of("/var/run/netns", n)))
                .orElse(true);
    }

    private static String currentUser() {
        String u = System.getProperty("user.name", "unknown");
        String sudo = System.getenv("SUDO_USER");
        return sudo == null || sudo.isBlank() || sudo.equals(u) ? u : u + " (sudo from " + sudo + ")";
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
