package mlb.engine;

import io.vavr.control.Option;
import mlb.history.Entry;
import mlb.history.PendingConfirm;
import mlb.proc.Target;

/**
 * One target at a glance: its last recorded apply, an apply waiting for `mlb confirm`, drift since the last
 * apply (none when nothing is recorded), and an entry waiting in the journal. `mlb status` renders it as text
 * and JSON.
 */
public record Status(Target target, Option<DriftReport> drift, Option<Pending> pending, boolean journalPending) {
    /** A waiting confirm, with whether its watcher still runs and how long is left. */
    public record Pending(PendingConfirm confirm, boolean watcherAlive, long secondsLeft) {
    }

    public Option<Entry> last() {
        return drift.map(DriftReport::last);
    }
}
