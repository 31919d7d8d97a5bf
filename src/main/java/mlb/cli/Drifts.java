package mlb.cli;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.history.Drift;
import mlb.history.Entry;
import mlb.history.History;
import mlb.history.Snapshot;
import mlb.model.NetState;

import java.io.IOException;

/** Changes made outside mlb: the live owned state against the after.json the target's last entry recorded. */
final class Drifts {
    private Drifts() {
    }

    /** What the last entry recorded and how the kernel differs from it now; none when nothing is recorded. */
    record Found(Entry last, List<String> lines) {
    }

    static Option<Found> of(Session s) {
        return of(s, Option.none(), 0);
    }

    /**
     * The same, comparing with an owned state the caller has just read with protocol, when the last entry
     * used that protocol too: a read sees every table holding the protocol's routes, so a second one would
     * only repeat it.
     */
    static Option<Found> of(Session s, Option<NetState> justRead, int protocol) {
        for (History h : s.history()) {
            try (h) {
                Option<Entry> last = h.latest(s.target.id());
                if (last.isEmpty()) return Option.none();
                Snapshot snap = Snapshot.of(h, last.get());
                NetState live = justRead.filter(x -> snap.protocol() == protocol)
                        .getOrElse(() -> s.reconciler.read(snap.after(), snap.protocol()).owned());
                return Option.some(new Found(last.get(), Drift.lines(snap.after(), live)));
            } catch (IOException e) {
                s.main.err.println("mlb: warning: cannot read the audit history " + s.stateDir + ": " + e.getMessage());
                return Option.none();
            }
        }
        return Option.none();
    }

    static String heading(Found f) {
        return "Changed outside mlb since the last apply (" + f.last().shortId() + ", "
                + HistoryCommand.DATE.format(f.last().time()) + "):";
    }
}
