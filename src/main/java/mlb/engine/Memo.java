package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.compile.Facts;
import mlb.history.Record;
import mlb.model.Scope;
import mlb.spec.Spec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the monitor's frequent changes reuse from one to the next, so a verdict reaches the kernel in tens of
 * milliseconds: the devices' facts for a while (an address that changed is seen within that), and the scope the
 * last change was planned with (the history is read once, for the first), and when its changes were last
 * committed (a flapping link's changes are coalesced: one commit per 10 s window), and the records of changes
 * made while the journal could not be written (see {@link #keep}).
 */
final class Memo {
    private static final Duration FACTS_FOR = Duration.ofSeconds(30);
    private final Clock clock;
    private Option<Facts> facts = Option.none();
    private String factsOf = "";
    private Instant factsAt = Instant.EPOCH;
    private boolean factsReused;
    private Option<Scope> scope = Option.none();
    private static final Duration COALESCE = Duration.ofSeconds(10);
    private Instant lastCommit = Instant.EPOCH;
    private boolean held;
    private boolean rehearsed;
    private List<Record> unrecorded = List.empty();

    Memo(Clock clock) {
        this.clock = clock;
    }

    /** True the first time only: the monitor's journal encoding is rehearsed once (Recorder.rehearse). */
    synchronized boolean firstRehearsal() {
        boolean first = !rehearsed;
        rehearsed = true;
        return first;
    }

    synchronized Facts facts(Spec spec, Reconciler reconciler) {
        Instant now = clock.instant();
        if (facts.isEmpty() || !factsOf.equals(spec.source()) || Duration.between(factsAt, now).compareTo(FACTS_FOR) > 0) {
            facts = Option.some(reconciler.facts(spec));
            factsOf = spec.source();
            factsAt = now;
            factsReused = false;
        } else {
            factsReused = true;
        }
        return facts.get();
    }

    /** Drops the facts; whether the last compile used facts read before it (a fresh read may tell more). */
    synchronized boolean forgetReusedFacts() {
        boolean reused = factsReused;
        facts = Option.none();
        factsReused = false;
        return reused;
    }

    synchronized Option<Scope> scope() {
        return scope;
    }

    synchronized void planned(Scope s) {
        scope = Option.some(s);
    }

    /**
     * Until when the monitor's change just made waits in the journal to be committed with those that follow:
     * none (commit now) when the last commit of its changes is older than the window; the first change of a
     * burst is recorded at once, a flapping link's next ones together, once per window.
     */
    synchronized Option<Instant> holdUntil() {
        Instant now = clock.instant();
        if (Duration.between(lastCommit, now).compareTo(COALESCE) >= 0) {
            lastCommit = now;
            return Option.none();
        }
        held = true;
        return Option.some(lastCommit.plus(COALESCE));
    }

    /** Whether changes wait in the journal and their window has closed, or records wait in memory. */
    synchronized boolean heldDue() {
        return !unrecorded.isEmpty() || held && !clock.instant().isBefore(lastCommit.plus(COALESCE));
    }

    /**
     * The record of a change the monitor made although its journal entry could not be written (a full or
     * read-only state disk): a failover never waits for its record. It stays here, oldest first, until the
     * journal takes it (see Session.flushJournal). Only a monitor's own changes come here: a person's apply is
     * refused when it cannot be journaled, as before.
     */
    synchronized void keep(Record r) {
        unrecorded = unrecorded.append(r);
    }

    /** The records that wait in memory, oldest first. */
    synchronized List<Record> unrecorded() {
        return unrecorded;
    }

    /** The oldest n records were journaled. */
    synchronized void journaled(int n) {
        unrecorded = unrecorded.drop(n);
    }

    /** After the journal was flushed: whether that committed something, and whether changes still wait. */
    synchronized void flushed(boolean committed, boolean stillHolding) {
        if (committed && !stillHolding) lastCommit = clock.instant();
        held = stillHolding;
    }
}
