package mlb.engine;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.history.History;
import mlb.history.Journal;
import mlb.history.Record;
import mlb.model.NetState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Journal first, then the repo: how one target's applies reach the audit history. No kernel change starts
 * unless its journal entry is on disk; a failure to commit never undoes a verified kernel change, it is
 * reported loudly and the entry stays journaled for the next run, which commits every entry in order.
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

    /** Notes the intent before the kernel is touched; a refusal (and no kernel change) when it cannot. */
    Either<Refusal, Journal.Entry> begin(Record intent) {
        try {
            return Either.right(journal.add(intent));
        } catch (IOException e) {
            return Either.left(Unwritable.refusal("cannot write the audit journal in " + journal.dir()
                    + " before changing the kernel", journal.dir(), e));
        }
    }

    /**
     * Records the finished apply (after any older entry still journaled, to keep the order); returns its commit
     * id, or none (with a warning) when it stays journaled.
     */
    Option<String> finish(Journal.Entry entry, Record done, Function<Record, NetState> readNow) {
        try {
            journal.write(entry, done);
        } catch (IOException e) {
            warn("cannot write the outcome to the audit journal " + entry.file() + ": " + e.getMessage()
                    + "; if it cannot be recorded now either, the next run records it as interrupted");
        }
        return commitAll(Option.some(new Pending(entry, done)), readNow).get(entry);
    }

    /**
     * Commits the records left by earlier runs, oldest first. An interrupted one gets its after state from the
     * kernel now: the caller holds the lock, so that is the state the interrupted apply left.
     */
    List<String> flush(Function<Record, NetState> readNow) {
        return List.ofAll(commitAll(Option.none(), readNow).values());
    }

    boolean pending() {
        return journal.pending();
    }

    private record Pending(Journal.Entry entry, Record record) {
    }

    /** Commits the journal oldest first (mine: the entry being finished, with its record in hand). */
    private LinkedHashMap<Journal.Entry, String> commitAll(Option<Pending> mine, Function<Record, NetState> readNow) {
        LinkedHashMap<Journal.Entry, String> ids = LinkedHashMap.empty();
        List<Journal.Entry> entries;
        try {
            entries = journal.entries();
        } catch (IOException e) {
            warn("cannot list the audit journal " + journal.dir() + ": " + e.getMessage());
            return ids;
        }
        for (Pending m : mine) {
            // its file may have gone meanwhile: it is still recorded, last
            if (!entries.contains(m.entry())) entries = entries.append(m.entry());
        }
        for (Journal.Entry e : entries) {
            boolean isMine = mine.exists(m -> m.entry().equals(e));
            Option<Record> r = isMine ? mine.map(Pending::record) : read(e).map(found -> settled(e, found, readNow));
            if (r.isEmpty()) continue;
            if (alreadyCommitted(r.get())) {
                remove(e);
                continue;
            }
            Option<String> id = commitOrWarn(r.get(), isMine
                    ? "it is kept in " + e.file() + " and the next mlb run records it"
                    : "it stays in " + e.file() + " (with any later entry) for the next mlb run");
            if (id.isEmpty()) {
                mine.filter(m -> !m.entry().equals(e)).forEach(m -> warn("this " + name(m.record())
                        + " waits in the audit journal " + m.entry().file() + " behind it, to keep the order"));
                break;
            }
            remove(e);
            ids = ids.put(e, id.get());
            if (!isMine) events.on(new Event.Recovered(id.get(), r.get().kind(), r.get().outcome()));
        }
        return ids;
    }

    private Option<Record> read(Journal.Entry e) {
        try {
            return Option.some(journal.read(e));
        } catch (IOException | RuntimeException ex) {
            warn("cannot read the audit journal entry " + e.file() + ": " + ex.getMessage()
                    + "; move it aside to go on (it holds an unrecorded apply)");
            return Option.none();
        }
    }

    /** An interrupted entry, finished with the state found now, and kept so in the journal for a retry. */
    private Record settled(Journal.Entry e, Record r, Function<Record, NetState> readNow) {
        if (r.outcome() != Record.Outcome.INTERRUPTED || r.failure().isDefined()) return r;
        Record done = r.finished(Record.Outcome.INTERRUPTED, readNow.apply(r), r.commands(),
                Option.some("the mlb process stopped before the apply finished; after.json is the state found"
                        + " by the next run, and the commands may have run in part"));
        try {
            journal.write(e, done);
        } catch (IOException ex) {
            warn("cannot update the audit journal entry " + e.file() + ": " + ex.getMessage());
        }
        return done;
    }

    private boolean alreadyCommitted(Record r) {
        try (History h = History.open(stateDir)) {
            return h.isLatest(r);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Option<String> commitOrWarn(Record r, String consequence) {
        try (History h = History.open(stateDir)) {
            return Option.some(h.commit(r));
        } catch (IOException | RuntimeException e) {
            warn("the " + name(r) + " could not be recorded in the audit history " + stateDir + ": " + e.getMessage()
                    + "; " + consequence);
            return Option.none();
        }
    }

    private static String name(Record r) {
        return r.kind().name().toLowerCase() + " (" + r.outcome().name().toLowerCase() + ")";
    }

    private void remove(Journal.Entry e) {
        try {
            journal.remove(e);
        } catch (IOException ex) {
            warn("cannot remove the audit journal entry " + e.file() + ": " + ex.getMessage()
                    + "; the next run may record this entry twice");
        }
    }

    private void warn(String text) {
        events.on(new Event.Warning(text));
    }
}
