package mlb.kernel;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * How a write went: the commands handed to the tool (the failed one included; with a tool that does not say
 * which line failed, its whole batch), the tool's words if one failed, and whether the tool applies all or
 * nothing (so a failed write changed nothing).
 */
public record Written(List<String> sent, Option<String> failure, boolean atomic) {
    public static Written nothing() {
        return new Written(List.empty(), Option.none(), false);
    }

    public boolean ok() {
        return failure.isEmpty();
    }

    /** This write followed by the next one, which only ran because this one succeeded. */
    Written then(Written next) {
        return new Written(sent.appendAll(next.sent), next.failure, atomic && next.atomic);
    }
}
