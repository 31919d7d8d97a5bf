package mlb.engine;

import io.vavr.control.Option;
import mlb.history.History;
import mlb.history.Journal;
import mlb.history.Record;
import mlb.model.NetState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Journal first, then the repo: how one target's applies reach the audit history. A failure to record never
 * undoes a verified kernel change; it is reported loudly and retried by the next run.
 */
final class Recorder {
    private final Path stateDir;
    private final Journal journal;
    private final Listener events;

    Recorder(Path stateDir, String target, Listener events) {
        this.stateDir = stateDir;
        this.journal = Journal.of(stateDir, target);
        this.events = events;
    }

    /** Notes the intent before the kernel is touched. */
    void begin(Record intent) {
        try {
            journal.write(intent);
        } catch (IOException e) {
            warn("cannot write the audit journal " + journal.file() + ": " + e.getMessage()
                    + "; if this apply is interrupted it will not be recorded");
        }
    }

    /** Records the finished apply; returns the commit id, or none (with a warning) when it stays journaled. */
    Option<String> finish(Record done) {
        try {
            journal.write(done);
        } catch (IOException e) {
            return commitOrWarn(done, "and it could not be journaled either (" + e.getMessage() + "): this entry is LOST");
        }
        Option<String> id = commitOrWarn(done, "it is kept in " + journal.file() + " and the next mlb run records it");
        if (id.isDefined()) clearJournal();
        return id;
    }

    /**
     * Commits a record left by an earlier run. An interrupted one gets its after state from the kernel now:
     * the caller holds the lock, so that is the state the interrupted apply left.
     */
    Option<String> flush(Function<Record, NetState> readNow) {
        Option<Record> left;
        try {
            left = journal.read();
        } catch (IOException | RuntimeException e) {
            warn("cannot read the audit journal " + journal.file() + ": " + e.getMessage()
                    + "; move it aside to go on (it holds an unrecorded apply)");
            return Option.none();
        }
        if (left.isEmpty()) return Option.none();
        Record r = left.get();
        if (r.outcome() == Record.Outcome.INTERRUPTED) {
            r = r.finished(Record.Outcome.INTERRUPTED, readNow.apply(r), r.commands(),
                    Option.some("the mlb process stopped before the apply finished; after.json is the state found"
                            + " by the next run, and the commands may have run in part"));
        }
        if (alreadyCommitted(r)) {
            clearJournal();
            return Option.none();
        }
        Record recorded = r;
        return commitOrWarn(r, "it stays in " + journal.file()).peek(id -> {
            clearJournal();
            events.on(new Event.Recovered(id, recorded.kind(), recorded.outcome()));
        });
    }

    private boolean alreadyCommitted(Record r) {
        try (History h = History.open(stateDir)) {
            return h.isLatest(r);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    boolean pending() {
        return journal.pending();
    }

    private Option<String> commitOrWarn(Record r, String consequence) {
        try (History h = History.open(stateDir)) {
            return Option.some(h.commit(r));
        } catch (IOException | RuntimeException e) {
            warn("the " + r.kind().name().toLowerCase() + " (" + r.outcome().name().toLowerCase()
                    + ") could not be recorded in the audit history " + stateDir + ": " + e.getMessage() + "; " + consequence);
            return Option.none();
        }
    }

    private void clearJournal() {
        try {
            journal.clear();
        } catch (IOException e) {
            warn("cannot remove the audit journal " + journal.file() + ": " + e.getMessage()
                    + "; the next run may record this entry twice");
        }
    }

    private void warn(String text) {
        events.on(new Event.Warning(text));
    }
}
