package mlb.engine;

import io.vavr.control.Option;
import mlb.proc.Target;

import java.time.Instant;

/**
 * What `mlb confirm` did: nothing was waiting; the waiting apply (rev) stays; or the deadline had passed and the
 * unconfirmed apply was reverted now instead (deadline, revert).
 */
public record ConfirmResult(Target target, Ending ending, Option<String> rev, Option<Instant> deadline,
                            Option<ApplyResult> revert) {
    public enum Ending { NOTHING_PENDING, CONFIRMED, TOO_LATE }

    static ConfirmResult nothingPending(Target target) {
        return new ConfirmResult(target, Ending.NOTHING_PENDING, Option.none(), Option.none(), Option.none());
    }

    static ConfirmResult confirmed(Target target, Option<String> rev) {
        return new ConfirmResult(target, Ending.CONFIRMED, rev, Option.none(), Option.none());
    }

    static ConfirmResult tooLate(Target target, Instant deadline, ApplyResult revert) {
        return new ConfirmResult(target, Ending.TOO_LATE, Option.none(), Option.some(deadline), Option.some(revert));
    }
}
