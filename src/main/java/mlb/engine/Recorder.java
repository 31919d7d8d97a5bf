package mlb.engine;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.history.History;
import mlb.history.Journal;
import mlb.history.LastRecord;
import mlb.history.Record;
import mlb.model.NetState;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
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

    /**
     * Encodes a record as the journal would, and writes it nowhere: part of the monitor's rehearsal (see
     * Applies.rehearse), so its first real change does not run that code cold.
     */
    void rehearse(Record r) {
        Journal.text(r);
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
     * Journals records kept in memory (the monitor's, made while the journal could not be written), oldest
     * first; how many it took before the first failure.
     */
    int journal(List<Record> records) {
        int n = 0;
        for (Record r : records) {
            try {
                journal.add(r);
                n++;
            } catch (IOException e) {
                break;
            }
        }
        if (n > 0) events.on(new Event.Warning(n + " of the monitor's records that waited in memory are in the journal"
                + " now" + (n < records.size() ? "; " + (records.size() - n) + " still wait" : "")));
        return n;
    }

    Path dir() {
        return journal.dir();
    }

    /**
     * Records the finished apply (after any older entry still journaled, to keep the order); returns its commit
     * id, or none (with a warning) when it stays journaled.
     */
    Option<String> finish(Journal.Entry entry, Record done, Function<Record, NetState> readNow) {
        return finish(entry, done, readNow, Option.none());
    }

    /**
     * The same, but with holdUntil the entry stays journaled until then, so that the monitor's changes that
     * follow within moments (a flapping link) become one commit with it; the journal keeps it safe meanwhile.
     */
    Option<String> finish(Journal.Entry entry, Record done, Function<Record, NetState> readNow, Option<Instant> holdUntil) {
        try {
            journal.write(entry, done);
            if (holdUntil.isDefined()) {
                journal.hold(entry, holdUntil.get());
                return Option.none();
            }
        } catch (IOException e) {
            warn("cannot write the outcome to the audit journal " + entry.file() + ": " + e.getMessage()
                    + "; if it cannot be recorded now either, the next run records it as interrupted");
        }
        return commitAll(Option.some(new Pending(entry, done)), readNow, Instant.MAX).get(entry);
    }

    /**
     * Commits the records left by earlier runs, oldest first. An interrupted one gets its after state from the
     * kernel now: the caller holds the lock, so that is the state the interrupted apply left. Entries held for
     * coalescing until after heldBefore stay (with everything after them, to keep the order).
     */
    List<String> flush(Function<Record, NetState> readNow, Instant heldBefore) {
        return List.ofAll(commitAll(Option.none(), readNow, heldBefore).values());
    }

    List<String> flush(Function<Record, NetState> readNow) {
        return flush(readNow, Instant.MAX);
    }

    /** Whether every entry of the journal (none too) is a finished one held for coalescing. */
    boolean onlyHeld() {
        try {
            return journal.entries().forAll(journal::isHeld);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether an entry is held for coalescing (the monitor then flushes it in time). */
    boolean holding() {
        try {
            return journal.entries().exists(e -> journal.heldUntil(e).isDefined());
        } catch (IOException e) {
            return false;
        }
    }

    boolean pending() {
        return journal.pending();
    }

    /**
     * The newest entry waiting in the journal whose write has finished (the monitor's changes held to be
     * coalesced, or a record that could not be committed yet): what mlb itself last left in the kernel. An entry
     * still marked as started is skipped: its writer holds the lock, or the next run settles it.
     */
    Option<Record> newestFinished() {
        try {
            for (Journal.Entry e : journal.entries().reverse()) {
                Option<Record> r = Option.of(journal.read(e)).filter(x -> x.outcome() != Record.Outcome.INTERRUPTED
                        || x.failure().isDefined());
                if (r.isDefined()) return r;
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable journal: drift is then judged against the history alone, as before the journal existed
        }
        return Option.none();
    }

    private record Pending(Journal.Entry entry, Record record) {
    }

    /**
     * Commits the journal oldest first (mine: the entry being finished, with its record in hand). Monitor entries
     * held for coalescing go into one commit with the monitor entries after them; an entry of another kind
     * commits what is held before it first. Held entries not yet due stop the walk: later ones wait behind them.
     */
    private LinkedHashMap<Journal.Entry, String> commitAll(Option<Pending> mine, Function<Record, NetState> readNow,
                                                           Instant heldBefore) {
        Commits c = new Commits();
        List<Journal.Entry> entries;
        try {
            entries = journal.entries();
        } catch (IOException e) {
            warn("cannot list the audit journal " + journal.dir() + ": " + e.getMessage());
            return c.ids;
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
            Option<Instant> held = journal.heldUntil(e);
            if (held.exists(until -> until.isAfter(heldBefore))) return c.ids;
            if (r.get().kind() != Record.Kind.MONITOR && !c.commit(false)) return c.ids;
            c.add(e, r.get());
            if (held.isDefined() && r.get().kind() == Record.Kind.MONITOR) continue;
            if (!c.commit(isMine)) {
                mine.filter(m -> !m.entry().equals(e)).forEach(m -> warn("this " + name(m.record())
                        + " waits in the audit journal " + m.entry().file() + " behind it, to keep the order"));
                return c.ids;
            }
        }
        c.commit(false);
        return c.ids;
    }

    /** The entries of one commit being gathered, and the commits made so far. */
    private final class Commits {
        LinkedHashMap<Journal.Entry, String> ids = LinkedHashMap.empty();
        List<Journal.Entry> group = List.empty();
        List<Record> records = List.empty();

        void add(Journal.Entry e, Record r) {
            group = group.append(e);
            records = records.append(r);
        }

        /** Commits what is gathered (nothing gathered: done); false when it could not be committed. */
        boolean commit(boolean mine) {
            if (group.isEmpty()) return true;
            Option<String> id = commitOrWarn(Record.coalesced(records), mine
                    ? "it is kept in " + group.last().file() + " and the next mlb run records it"
                    : "it stays in " + group.last().file() + " (with any later entry) for the next mlb run");
            if (id.isEmpty()) return false;
            for (Journal.Entry g : group) {
                remove(g);
                ids = ids.put(g, id.get());
            }
            if (!mine && records.size() == 1) events.on(new Event.Recovered(id.get(), records.head().kind(), records.head().outcome()));
            group = List.empty();
            records = List.empty();
            return true;
        }
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

    /**
     * An entry whose process stopped (kill -9, a crash) before it wrote the outcome, finished with the state found
     * now, and kept so in the journal for a retry. Its outcome says what the kernel holds: applied when it holds
     * every change of the plan (the process stopped after the write), interrupted when it holds none or part of
     * them; the note says which.
     */
    private Record settled(Journal.Entry e, Record r, Function<Record, NetState> readNow) {
        if (r.outcome() != Record.Outcome.INTERRUPTED || r.failure().isDefined()) return r;
        NetState found = readNow.apply(r);
        boolean complete = mlb.plan.Diff.changes(found, r.desired()).isEmpty();
        boolean none = !complete && mlb.plan.Diff.changes(found, r.before()).isEmpty();
        String stopped = "the mlb process stopped before it recorded the outcome; the next run found ";
        Record done = r.finished(complete ? Record.Outcome.APPLIED : Record.Outcome.INTERRUPTED, found, r.commands(),
                Option.some(stopped + (complete ? "every change of the plan in the kernel"
                        : none ? "none of its changes in the kernel (it is as before)"
                        : "part of its changes in the kernel") + "; after.json is the state it found"));
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
            String id = h.commit(r);
            remember(h, id, r);
            return Option.some(id);
        } catch (IOException | RuntimeException e) {
            warn("the " + name(r) + " could not be recorded in the audit history " + stateDir + ": " + e.getMessage()
                    + "; " + consequence);
            return Option.none();
        }
    }

    /**
     * Leaves last.json for the commit just made, the entry as git reads it back. Without it, the next reads of
     * the last state open the repository instead: slower, not wrong.
     */
    private void remember(History h, String id, Record r) {
        try {
            h.find(id).map(e -> new LastRecord(e, r.scope(), r.after())).get().write(stateDir);
        } catch (IOException | RuntimeException e) {
            warn("cannot write " + LastRecord.file(stateDir, r.target()) + " (" + e.getMessage()
                    + "); the entry is recorded, and the next runs read it from the history instead");
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
