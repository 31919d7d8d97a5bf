package mlb.engine;

import io.vavr.collection.List;
import mlb.history.Entry;
import mlb.history.Record;
import mlb.plan.Plan;
import mlb.proc.Target;

import java.time.Instant;

/** Progress of an operation, in the order it happens. Each event hands itself to its listener method. */
public sealed interface Event {
    void to(Listener l);

    /** An entry an earlier run left in the journal was recorded now. */
    record Recovered(String id, Record.Kind kind, Record.Outcome outcome) implements Event {
        public void to(Listener l) { l.recovered(this); }
    }

    /** Something the user should know that does not stop the operation (a record that could not be made...). */
    record Warning(String text) implements Event {
        public void to(Listener l) { l.warning(this); }
    }

    /** What the confirm watcher is doing, for its log. */
    record Watching(String text) implements Event {
        public void to(Listener l) { l.watching(this); }
    }

    /** An unconfirmed apply passed its deadline: the engine reverts it now, before anything else. */
    record Settling(Target target, Instant deadline, String why) implements Event {
        public void to(Listener l) { l.settling(this); }
    }

    /** The revert of an unconfirmed apply finished (its own plan and steps were reported before this). */
    record Settled(ApplyResult result) implements Event {
        public void to(Listener l) { l.settled(this); }
    }

    /** A rollback plans towards this entry. */
    record RollingBack(Target target, Entry to) implements Event {
        public void to(Listener l) { l.rollingBack(this); }
    }

    /** The plan an operation of this kind is about to apply (shown before asking). */
    record Planned(Plan plan, Record.Kind kind) implements Event {
        public void to(Listener l) { l.planned(this); }
    }

    /** About to write this many changes. */
    record Applying(Target target, int changes) implements Event {
        public void to(Listener l) { l.applying(this); }
    }

    /** The commands sent to the kernel, in order (verbose output). */
    record Ran(List<String> commands) implements Event {
        public void to(Listener l) { l.ran(this); }
    }
}
