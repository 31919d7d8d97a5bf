package mlb.kernel;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * How a write went: the commands handed to the tool (the failed one included; with a tool that does not say
 * which line failed, its whole batch), the tool's words if one failed, and whether the tool applies all or
 * nothing (so a failed write changed nothing), and whether it stopped early at a safe point because it was asked
 * to (an interrupt): then the changes after `sent` were not written.
 */
public record Written(List<String> sent, Option<String> failure, boolean atomic, boolean stopped) {
    public Written(List<String> sent, Option<String> failure, boolean atomic) {
        this(sent, failure, atomic, false);
    }

    public boolean ok() {
        return failure.isEmpty() && !stopped;
    }

    /** This write followed by the next one, which only ran because this one succeeded. */
    Written then(Written next) {
        return new Written(sent.appendAll(next.sent), next.failure, atomic && next.atomic, next.stopped);
    }

    /** What was written when a stop was asked for before the rest. */
    Written stoppedHere() {
        return new Written(sent, failure, atomic, true);
    }
}
