package mlb.apply;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.plan.Command;
import mlb.plan.Plan;

/**
 * What an apply did: the plan, the commands actually run (including any revert), the owned state read before
 * and after, and the failure if there was one.
 */
public record Outcome(Status status, Plan plan, List<Command> commands, NetState before, NetState after,
                      Option<String> failure) {
    public enum Status {
        /** Nothing to do: the kernel already matched. */
        UNCHANGED,
        /** Applied and verified. */
        APPLIED,
        /** A command or the verification failed, and the state before apply was restored. */
        REVERTED,
        /** A command failed and restoring the previous state failed too: the kernel needs attention. */
        FAILED
    }

    public boolean ok() {
        return status == Status.UNCHANGED || status == Status.APPLIED;
    }
}
