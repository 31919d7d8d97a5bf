package mlb.engine;

import mlb.host.Host;
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
 * that target exists at all, the confirm watchers, a clock, who is acting on which host (for the records), and
 * where the targets' locks live. Tests hand in fakes.
 */
public record Workspace(Path stateDir, Function<Target, Kernel> kernels, Watchers watchers, Clock clock,
                        String user, String host, Path lockDir, Predicate<Target> present) {

    /**
     * A world of its own kernels (tests): their targets are not this machine's, so their locks live with the
     * state directory, in `.locks/`, instead of the machine's lock directory; every target exists.
     */
    public Workspace(Path stateDir, Function<Target, Kernel> kernels, Watchers watchers, Clock clock, String user, String host) {
        this(stateDir, kernels, watchers, clock, user, host, stateDir.resolve(".locks"), t -> true);
    }

    /**
     * The real machine: iproute2 and /proc/sys of the target, detached watcher processes, the system clock. One
     * kernel per target for the whole run: what it learns once (the tools' versions) the monitor does not ask
     * again for every change.
     */
    public static Workspace system(Path stateDir) {
        return system(stateDir, Host::kernel);
    }

    /** The real machine for a process that stays (the monitor), whose kernels keep tools loaded (Host.resident). */
    public static Workspace resident(Path stateDir) {
        return system(stateDir, Host::resident);
    }

    private static Workspace system(Path stateDir, Function<Target, Kernel> kernel) {
        return new Workspace(stateDir, io.vavr.Function1.of(kernel::apply).memoized(), new ProcessWatchers(), Clock.systemUTC(), currentUser(), hostName(),
                Lock.systemDir(), Workspace::namedNamespaceExists);
    }

    /** The same world with another kernel, e.g. a fake one: its targets lock with the state directory, and all exist. */
    public Workspace withKernels(Function<Target, Kernel> other) {
        return new Workspace(stateDir, other, watchers, clock, user, host);
    }

    /** The same world where only these targets exist. */
    public Workspace withPresent(Predicate<Target> exists) {
        return new Workspace(stateDir, kernels, watchers, clock, user, host, lockDir, exists);
    }

    /** `ip netns add NAME` makes /run/netns/NAME, and `ip -n NAME` opens exactly that file (via /var/run). */
    private static boolean namedNamespaceExists(Target t) {
        return t.netns().map(n -> Files.exists(Path.of("/run/netns", n)) || Files.exists(Path.of("/var/run/netns", n)))
                .orElse(true);
    }

    /** The same world with its target locks in another directory. */
    public Workspace withLockDir(Path dir) {
        return new Workspace(stateDir, kernels, watchers, clock, user, host, dir, present);
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
