package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.compile.Facts;
import mlb.history.Record;
import mlb.kernel.Generation;
import mlb.model.Observed;
import mlb.model.Scope;
import mlb.spec.Spec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the monitor's frequent changes reuse from one to the next, so a verdict reaches the kernel in
 * milliseconds: the devices' facts and the owned state as last read, for as long as the kernel's events say
 * nothing changed since (see {@link Generation}; without them, the facts for 30 s and the state never), and the
 * scope the last change was planned with (the history is read once, for the first), and when its changes were last
 * committed (a flapping link's changes are coalesced: one commit per 10 s window), and the records of changes
 * made while the journal could not be written (see {@link #keep}).
 */
final class Memo {
    private static final Duration FACTS_FOR = Duration.ofSeconds(30);
    private static final Duration READ_AGAIN = Duration.ofSeconds(60);
    private static final io.vavr.collection.Set<String> IP = io.vavr.collection.HashSet.of("ip");
    private final Clock clock;
    private Option<Facts> facts = Option.none();
    private String factsOf = "";
    private Instant factsAt = Instant.EPOCH;
    private boolean factsReused;
    private Option<Long> factsGeneration = Option.none();
    private Generation generation = new Generation();
    private Option<Reading> reading = Option.none();
    /** The monitor changed the kernel since its state was last read for reuse. */
    private boolean wroteSince;
    private Instant readAt = Instant.EPOCH;
    private Option<Long> lastAsked = Option.none();
    private boolean readingReused;
    private Option<Scope> scope = Option.none();
    private static final Duration COALESCE = Duration.ofSeconds(10);
    private Instant lastCommit = Instant.EPOCH;
    private boolean held;
    private boolean rehearsed;
    private List<Record> unrecorded = List.empty();

    Memo(Clock clock) {
        this.clock = clock;
    }

    /** True the first time only: the monitor rehearses one change after its first decision (Applies.rehearse). */
    synchronized boolean firstRehearsal() {
        boolean first = !rehearsed;
        rehearsed = true;
        return first;
    }

    /** The kernel's events as counted by the monitor's followers of them. */
    synchronized void follow(Generation g) {
        generation = g;
    }

    synchronized Facts facts(Spec spec, Reconciler reconciler) {
        return facts(spec, reconciler, false);
    }

    /** ahead: read for a later change, so read again as soon as the kernel's events say something changed. */
    synchronized Facts facts(Spec spec, Reconciler reconciler, boolean ahead) {
        Instant now = clock.instant();
        boolean unchanged = factsGeneration.isDefined() && generation.now(IP).equals(factsGeneration);
        boolean stale = !unchanged && (ahead || Duration.between(factsAt, now).compareTo(FACTS_FOR) > 0);
        if (facts.isEmpty() || !factsOf.equals(spec.source()) || stale) {
            factsGeneration = generation.now(IP);
            facts = Option.some(reconciler.facts(spec));
            factsOf = spec.source();
            factsAt = now;
            factsReused = false;
        } else {
            factsReused = true;
        }
        return facts.get();
    }

    /**
     * Drops the facts and the state read; whether the last change used facts or state read before it (a fresh
     * read may tell more).
     */
    synchronized boolean forgetReusedFacts() {
        boolean reused = factsReused || readingReused;
        facts = Option.none();
        factsReused = false;
        reading = Option.none();
        readingReused = false;
        return reused;
    }

    /** The owned state read at a generation, of a scope, with the followers it needed. */
    private record Reading(Scope scope, Observed observed, long at, io.vavr.collection.Set<String> needed) {
    }

    /** The followers a state read needs: `ip monitor` always, `nft monitor` for a scope with nft tables. */
    static io.vavr.collection.Set<String> followers(Scope reading) {
        return reading.nftTables().isEmpty() ? IP : IP.add("nft");
    }

    /** The owned state of this scope as last read, if the kernel's events say nothing changed since. */
    synchronized Option<Observed> unchanged(Scope scope) {
        Option<Observed> o = reading.filter(r -> r.scope().equals(scope) && generation.now(r.needed()).contains(r.at()))
                .map(Reading::observed);
        readingReused |= o.isDefined();
        return o;
    }

    /** The generation before a read of the state for reuse begins; none when the kernel's events are not followed. */
    synchronized Option<Long> beforeReading(io.vavr.collection.Set<String> needed) {
        return generation.now(needed);
    }

    synchronized void read(Scope scope, Observed observed, long at, io.vavr.collection.Set<String> needed) {
        reading = Option.some(new Reading(scope, observed, at, needed));
        readAt = clock.instant();
        wroteSince = false;
    }

    /** The monitor is about to change the kernel: what it read is no longer what is there. */
    synchronized void writing() {
        reading = Option.none();
        wroteSince = true;
    }

    /**
     * Whether the state should be read again for reuse now: the kernel's events are followed and said nothing
     * since the last time this was asked (a second ago: quiet), what was read is not of this generation, and
     * either the monitor changed the kernel since, or the last such read is older than a minute (a router whose
     * tables change all the time is read at most that often for it, and its verdicts read the kernel afresh).
     */
    synchronized boolean readingDue(io.vavr.collection.Set<String> needed) {
        Option<Long> now = generation.now(needed);
        boolean quiet = now.isDefined() && now.equals(lastAsked);
        lastAsked = now;
        if (!quiet || reading.exists(r -> r.at() == now.get() && r.needed().containsAll(needed))) return false;
        boolean due = wroteSince || Duration.between(readAt, clock.instant()).compareTo(READ_AGAIN) >= 0;
        // Counted as tried whether or not the read can be kept: never a read every second.
        if (due) {
            wroteSince = false;
            readAt = clock.instant();
        }
        return due;
    }

    /**
     * A device that stays up lost (or got back) its carrier, as the kernel's event number at: when nothing else
     * changed since the facts and the state were read, both are changed as the kernel changed them (the device's
     * carrier; on a loss, see CarrierLoss) and hold at this event. Whether they were (else they are dropped).
     */
    synchronized boolean carrier(String dev, boolean carrier, long at) {
        boolean factsHold = facts.isDefined() && factsGeneration.contains(at - 1)
                && facts.get().device(dev).isDefined();
        boolean stateHolds = reading.exists(r -> r.at() == at - 1);
        if (!factsHold || !stateHolds) return false;
        mlb.model.Device d = facts.get().device(dev).get();
        facts = Option.some(new Facts(facts.get().devices().put(dev, new mlb.model.Device(dev, true, carrier, d.addresses())),
                facts.get().resilientGroups()));
        factsGeneration = Option.some(at);
        Reading r = reading.get();
        Observed o = carrier ? r.observed() : new Observed(mlb.model.CarrierLoss.after(r.observed().owned(), dev), r.observed().foreign());
        reading = Option.some(new Reading(r.scope(), o, at, r.needed()));
        return true;
    }

    /** Forgets the state read (the kernel check and retries read it afresh). */
    synchronized void forgetReading() {
        reading = Option.none();
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
