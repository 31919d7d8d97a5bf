package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.proc.Target;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this run can reach its target and the audit history at all, asked before anything else: a namespace
 * that does not exist, or a history only root may read, would otherwise show up later as a kernel tool's error
 * or, worse, as an empty history.
 */
final class Access {
    static final String AS_ROOT = "run as root (mlb changes the kernel's routing)";

    private Access() {
    }

    /** The target, or a usage refusal when it names a network namespace that does not exist. */
    static Either<Refusal, Target> present(Workspace ws, Target t) {
        if (ws.present().test(t)) return Either.right(t);
        return Either.left(Refusal.of(Refusal.Reason.USAGE, "network namespace " + t.netns().orElse("?")
                + " does not exist (see `ip netns list`)"));
    }

    /**
     * A state directory this user may not look into reads as "nothing recorded" to the history, so it is
     * refused here instead. One that does not exist is no history yet; one whose very existence cannot be
     * told (a parent that may not be searched) is as unreadable as a private one.
     */
    static Option<Refusal> unreadableHistory(Path stateDir) {
        boolean exists = Files.exists(stateDir);
        boolean denied = exists ? !(Files.isReadable(stateDir) && Files.isExecutable(stateDir)) : !Files.notExists(stateDir);
        if (!denied) return Option.none();
        return Option.some(Refusal.of(Refusal.Reason.NOT_PERMITTED, "cannot read the audit history in " + stateDir
                + ": Permission denied", List.of("run as root (the history is readable by root only)")));
    }

    /** A refusal to write (the lock, the namespace) for want of permission says what would help. */
    static Refusal withRootHint(Refusal r) {
        return r.reason() == Refusal.Reason.NOT_PERMITTED && !r.context().exists(c -> c.startsWith("run as root"))
                ? new Refusal(r.reason(), r.message(), r.context().append(AS_ROOT), r.problems()) : r;
    }
}
