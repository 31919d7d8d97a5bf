package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.history.Record;
import mlb.plan.Plan;
import mlb.proc.Target;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What an apply, destroy, rollback or revert did: the plan, how it ended, the commands sent to the kernel
 * (a revert's included), the history entry it became, whether it also confirmed an apply that was waiting for
 * `mlb confirm` (a deliberate new change does), and the confirm countdown it started.
 */
public record ApplyResult(Target target, Record.Kind kind, Plan plan, Outcome outcome, List<String> commands,
                          Option<String> recorded, Path stateDir, Option<String> failure, boolean confirmedEarlier,
                          Option<Armed> armed) {
    public enum Outcome {
        /** Nothing to do: the kernel already matched. */
        UNCHANGED,
        /** The person asked said no: nothing was changed. */
        DECLINED,
        /** The monitor held back: an apply waits for `mlb confirm`, so nothing was changed. */
        HELD,
        /** Applied and verified. */
        APPLIED,
        /** A command or the verification failed, and the state before was restored. */
        REVERTED,
        /** SIGINT or SIGTERM came during the write: it stopped at a safe point and the state before was restored. */
        INTERRUPTED,
        /** A command failed and restoring the state before failed too: the kernel needs attention. */
        FAILED
    }

    /** The countdown of `apply --confirm`: reverts at deadline unless confirmed; earlier: it replaced one. */
    public record Armed(Instant deadline, Duration duration, boolean earlier) {
    }

    public boolean ok() {
        return outcome == Outcome.UNCHANGED || outcome == Outcome.APPLIED;
    }

    ApplyResult armed(Armed a) {
        return new ApplyResult(target, kind, plan, outcome, commands, recorded, stateDir, failure, confirmedEarlier,
                Option.some(a));
    }
}
