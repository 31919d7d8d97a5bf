package mlb.engine;

import io.vavr.control.Option;
import mlb.history.Drift;
import mlb.history.Entry;
import mlb.history.History;
import mlb.history.LastRecord;
import mlb.history.Snapshot;
import mlb.model.NetState;

import java.io.IOException;

/** The target's last recorded state, and how the live kernel differs from it (changes made outside mlb). */
final class Drifts {
    private Drifts() {
    }

    /**
     * The target's newest entry with the state it recorded: from last.json while that names the branch's tip,
     * else from git; none when nothing is recorded (or the history is unreadable).
     */
    static Option<LastRecord> last(Session s) {
        try {
            Option<LastRecord> remembered = LastRecord.current(s.stateDir(), s.target.id());
            if (remembered.isDefined()) return remembered;
        } catch (IOException | RuntimeException e) {
            // an unreadable or damaged last.json: git says the same, and says what is wrong if anything is
        }
        for (Option<History> opened : s.history()) {
            for (History h : opened) {
                try (h) {
                    Option<Entry> last = h.latest(s.target.id());
                    return last.isEmpty() ? Option.none() : Option.some(LastRecord.of(Snapshot.of(h, last.get())));
                } catch (IOException | RuntimeException e) {
                    s.events.on(new Event.Warning("cannot read the audit history " + s.stateDir() + ": " + e.getMessage()));
                    return Option.none();
                }
            }
        }
        return Option.none();
    }

    /**
     * The state mlb itself last left in the kernel: the newest finished entry still in the journal (the monitor's
     * changes wait there up to 10 s to be coalesced into one commit), else the last recorded entry. What mlb
     * wrote but has not committed yet is mlb's change, not drift.
     */
    static LastRecord newest(Session s, LastRecord last) {
        return s.recorder.newestFinished().filter(r -> r.target().equals(s.target.id()))
                .map(r -> new LastRecord(last.entry(), last.scope().union(r.scope()), r.after())).getOrElse(last);
    }

    /** Drift against a state just read with a scope that covers the snapshot's (see {@link #newest}). */
    static DriftReport against(LastRecord last, NetState live) {
        return new DriftReport(last.entry(), Drift.lines(last.after(), live));
    }

    /** Drift, reading the kernel with the scope mlb last wrote in. */
    static Option<DriftReport> of(Session s) {
        return last(s).map(snap -> newest(s, snap)).map(snap -> against(snap, s.reconciler.read(snap.scope()).owned()));
    }
}
