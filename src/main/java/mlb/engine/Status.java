package mlb.engine;

import io.vavr.collection.Map;
import io.vavr.control.Option;
import mlb.history.Entry;
import mlb.history.MonitorView;
import mlb.history.PendingConfirm;
import mlb.kernel.Traffic;
import mlb.proc.Target;

/**
 * One target at a glance: its last recorded apply, an apply waiting for `mlb confirm`, drift since the last
 * apply (none when nothing is recorded, or while another mlb holds the lock: what it writes is no drift), an
 * entry waiting in the journal, what `mlb monitor` says of the links, and who holds the lock now. `mlb status` renders it as text and JSON, and the monitor's metrics endpoint the same figures.
 */
public record Status(Target target, Option<Entry> last, Option<DriftReport> drift, Option<Pending> pending,
                     boolean journalPending, Option<Monitoring> monitor, Option<Lock.Busy> busy) {
    /**
     * What the monitor says of the links (its status file), whether it still runs, each link's device counters
     * now, and how old the view is.
     */
    public record Monitoring(MonitorView view, boolean running, Map<String, Traffic> traffic, java.time.Duration age) {
        /** A running monitor's view it has not rewritten for a while: it cannot write the state directory. */
        public boolean stale() {
            return running && age.compareTo(MonitorView.STALE) > 0;
        }
    }

    /** A waiting confirm, with whether its watcher still runs and how long is left. */
    public record Pending(PendingConfirm confirm, boolean watcherAlive, long secondsLeft) {
    }
}
