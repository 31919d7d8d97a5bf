package mlb.cli;

import io.vavr.collection.List;
import mlb.history.Entry;
import mlb.history.History;
import mlb.history.Snapshot;

import java.io.IOException;

/** Finding history entries by the revisions people type; an unknown one is a usage error (64). */
final class Revs {
    private Revs() {
    }

    static History open(Session s) {
        return s.history().getOrElseThrow(() -> new CliError(Exit.USAGE, "no history in " + s.stateDir
                + ": nothing was applied with this --state yet"));
    }

    static Entry find(History h, String rev) {
        return h.find(rev).getOrElseThrow(msg -> new CliError(Exit.USAGE, msg, List.of("see `mlb history` for revisions")));
    }

    /** An entry that must belong to this session's target. */
    static Entry inTarget(History h, Session s, String rev) throws IOException {
        Entry e = find(h, rev);
        if (!h.log(s.target.id()).exists(x -> x.id().equals(e.id()))) {
            throw new CliError(Exit.USAGE, rev + " is not in the history of " + s.target
                    + (e.target().equals("unknown") ? "" : " (it belongs to " + e.target() + ")"));
        }
        return e;
    }

    static Snapshot snapshot(History h, Entry e) {
        try {
            return Snapshot.of(h, e);
        } catch (IOException ex) {
            throw new CliError(Exit.FAILED, "cannot read entry " + e.shortId() + ": " + ex.getMessage());
        }
    }
}
