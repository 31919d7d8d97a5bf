package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Either;
import mlb.history.Entry;
import mlb.history.History;

import java.io.IOException;

/** Finding history entries by the revisions people type; an unknown one is a usage error. */
final class Revisions {
    private Revisions() {
    }

    static Either<Refusal, Entry> find(History h, Session s, String rev) {
        return h.find(rev).mapLeft(msg -> Refusal.of(Refusal.Reason.USAGE, msg,
                List.of("see `mlb history" + Hints.netns(s.target) + "` for revisions")));
    }

    /** An entry that must belong to the session's target. */
    static Either<Refusal, Entry> inTarget(History h, Session s, String rev) throws IOException {
        Either<Refusal, Entry> found = find(h, s, rev);
        if (found.isLeft()) return found;
        Entry e = found.get();
        if (h.log(s.target.id()).exists(x -> x.id().equals(e.id()))) return found;
        return Either.left(Refusal.of(Refusal.Reason.USAGE, rev + " is not in the history of " + s.target
                + (e.target().equals("unknown") ? "" : " (it belongs to " + e.target() + ")"),
                List.of("see `mlb history" + Hints.netns(s.target) + "` for its revisions")));
    }
}
