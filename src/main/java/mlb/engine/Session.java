package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.history.History;
import mlb.history.Journal;
import mlb.history.Private;
import mlb.history.Provenance;
import mlb.history.Record;
import mlb.model.NetState;
import mlb.model.Scope;
import mlb.plan.Plan;
import mlb.plan.PlanText;
import mlb.proc.Target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** One operation's hold on one target: its kernel, its lock, its journal and history, and its listener. */
final class Session {
    private static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(3);
    final Target target;
    final Workspace ws;
    final Reconciler reconciler;
    final Recorder recorder;
    final Listener events;
    final Confirms confirms;

    /** The monitor's memo when this session makes the monitor's changes (they are coalesced), else none. */
    private final Option<Memo> monitor;

    Session(Workspace ws, Target target, Listener events) {
        this(ws, target, events, Option.none());
    }

    Session(Workspace ws, Target target, Listener events, Option<Memo> monitor) {
        this.monitor = monitor;
        this.target = target;
        this.ws = ws;
        this.reconciler = new Reconciler(ws.kernels().apply(target));
        this.recorder = new Recorder(ws.stateDir(), target.id(), events);
        this.events = events;
        this.confirms = new Confirms(this);
    }

    Path stateDir() {
        return ws.stateDir();
    }

    Path dir() {
        return stateDir().resolve(target.id());
    }

    /**
     * The target's lock, after which the journal of an earlier run is recorded first and a confirm deadline
     * nobody is watching any more is honoured.
     */
    Either<Refusal, Lock> lock() {
        return patiently().flatMap(a -> a.mapLeft(this::busy)).flatMap(l -> prepare().map(ok -> l).peekLeft(r -> close(l)));
    }

    /**
     * A change the monitor is making holds the lock for a fraction of a second: wait that out, a little, before
     * telling a person that another mlb is busy.
     */
    private Either<Refusal, Either<Lock.Holder, Lock>> patiently() {
        long until = System.nanoTime() + PATIENCE.toNanos();
        Either<Refusal, Either<Lock.Holder, Lock>> a = attempt();
        while (a.exists(Either::isLeft) && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            a = attempt();
        }
        return a;
    }

    private Refusal busy(Lock.Holder h) {
        return Refusal.of(Refusal.Reason.LOCKED, "another mlb (" + h + ") holds the lock on " + target,
                List.of("it held it for " + PATIENCE.toSeconds() + " s; wait for it to finish"));
    }

    Refusal locked(String what, String hint) {
        return Refusal.of(Refusal.Reason.LOCKED, what + " (" + Lock.holder(ws.lockDir(), target, stateDir()) + ")", List.of(hint));
    }

    /** The lock without waiting or preparing: empty when another mlb holds it. */
    Either<Refusal, Optional<Lock>> tryLock() {
        return attempt().map(a -> a.toJavaOptional());
    }

    /** The monitor's lock on this target (one monitor per target), or who holds it: refused with LOCKED (75). */
    Either<Refusal, Lock> monitorLock() {
        try {
            return Lock.tryMonitor(ws.lockDir(), target, stateDir()).mapLeft(h -> Refusal.of(Refusal.Reason.LOCKED,
                    "another mlb monitor (" + h + ") is running on " + target,
                    List.of("one monitor per target: stop that one first (kill " + h.pid() + "), or change its spec file"
                            + " and it reloads it")));
        } catch (IOException e) {
            return Either.left(Unwritable.refusal("cannot take the monitor's lock on " + target, stateDir(), e));
        }
    }

    private Either<Refusal, Either<Lock.Holder, Lock>> attempt() {
        try {
            return Either.right(Lock.tryAcquire(ws.lockDir(), target, stateDir()));
        } catch (IOException e) {
            return Either.left(Unwritable.refusal("cannot take the lock on " + target, stateDir(), e));
        }
    }

    static void close(Lock l) {
        try {
            l.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A monitor's change does not wait for its own earlier changes held for coalescing to be committed (its tick
     * commits them, and this change's record commits after them in order); anything else in the journal is
     * recorded first, while the kernel still holds what it left.
     */
    private Either<Refusal, Boolean> prepare() {
        boolean ownHeldOnly = monitor.exists(m -> m.unrecorded().isEmpty()) && recorder.onlyHeld();
        if (!ownHeldOnly) flushJournal();
        return confirms.settleAbandoned();
    }

    /**
     * Commits what earlier runs left in the journal. The monitor's own sessions leave its held changes for their
     * window; anyone else commits them first, so the history keeps the order things happened in.
     */
    void flushJournal() {
        if (monitor.isEmpty()) {
            recorder.flush(this::found);
            return;
        }
        Memo m = monitor.get();
        m.journaled(recorder.journal(m.unrecorded()));
        boolean committed = !recorder.flush(this::found, ws.clock().instant()).isEmpty();
        m.flushed(committed, recorder.holding());
    }

    /** The owned state now, in everything a record may have touched: what an interrupted apply left. */
    private NetState found(Record r) {
        return reconciler.read(r.scope().covering(r.desired()).covering(r.before())).owned();
    }

    /** For read-only commands: records journaled entries if no other mlb is busy with this target. */
    void flushIfIdle() {
        if (!recorder.pending()) return;
        tryLock().forEach(l -> l.ifPresent(lock -> {
            try {
                // a look is no reason to commit the monitor's held changes before their window closes
                recorder.flush(this::found, ws.clock().instant());
            } finally {
                close(lock);
            }
        }));
    }

    /** The audit history, or none when nothing was recorded yet. */
    Either<Refusal, Option<History>> history() {
        try {
            return Either.right(History.existing(stateDir()));
        } catch (IOException e) {
            return Either.left(e instanceof Private.Unsafe u
                    ? Unwritable.refusal("cannot open the audit history", stateDir(), u.about("state directory " + stateDir()))
                    : Refusal.of(Refusal.Reason.FAILED, "cannot open the audit history " + stateDir() + ": " + e.getMessage()));
        }
    }

    /** The history, or a usage refusal when nothing was ever recorded in this state directory. */
    Either<Refusal, History> requireHistory() {
        return history().flatMap(h -> h.toEither(() -> Refusal.of(Refusal.Reason.USAGE, "no history in " + stateDir()
                + ": nothing was applied with this --state yet")));
    }

    /** Asks, and either declines (nothing changes) or applies and records. */
    Either<Refusal, ApplyResult> applyIfApproved(Plan plan, Intent intent, Approval approval, String question) {
        if (plan.isEmpty()) return Either.right(result(plan, intent.kind(), ApplyResult.Outcome.UNCHANGED));
        // Without it, reads work and the first write fails half-way (a sysctl written, then reverted): say so first.
        if (!reconciler.kernel().devices().mayChangeRouting()) {
            return Either.left(Refusal.of(Refusal.Reason.NOT_PERMITTED, "this process may not change the routing of " + target
                    + ": it lacks the capability CAP_NET_ADMIN", List.of("nothing was changed", Access.AS_ROOT)));
        }
        if (!approval.approve(plan, question)) return Either.right(result(plan, intent.kind(), ApplyResult.Outcome.DECLINED));
        return applyAndRecord(plan, intent);
    }

    /**
     * Everything applyAndRecord does before and in the write, short of journaling and changing the kernel: the
     * commands, the record's journal text, the kernel's check of the transaction (see Driver.rehearse).
     */
    void rehearse(Plan plan, Intent intent) {
        reconciler.kernel().commands(plan.changes()).forEach(commands -> {
            recorder.rehearse(record(plan, intent, commands));
            reconciler.kernel().rehearse(plan.changes());
        });
    }

    /** An outcome that changed nothing. */
    ApplyResult result(Plan plan, Record.Kind kind, ApplyResult.Outcome outcome) {
        return new ApplyResult(target, kind, plan, outcome, List.empty(), Option.none(), stateDir(),
                Option.none(), false, Option.none());
    }

    /** Journals (or refuses, changing nothing), applies, records; the caller holds the lock. */
    Either<Refusal, ApplyResult> applyAndRecord(Plan plan, Intent intent) {
        Either<String, List<String>> commands = reconciler.kernel().commands(plan.changes());
        if (commands.isLeft()) {
            return Either.left(Refusal.of(Refusal.Reason.FAILED, "cannot write this plan to " + target + ": " + commands.getLeft(),
                    List.of("nothing was changed")));
        }
        Interrupts interrupts = Interrupts.process();
        return interrupts.critical(() -> {
            Record start = record(plan, intent, commands.get());
            Either<Refusal, Journal.Entry> journaled = begin(start);
            Option<Memo> inMemory = journaled.isLeft() && intent.kind() == Record.Kind.MONITOR ? monitor : Option.none();
            if (journaled.isLeft() && inMemory.isEmpty()) return Either.left(journaled.getLeft());
            inMemory.forEach(m -> events.on(new Event.Warning(journaled.getLeft().message() + "; the monitor changes the"
                    + " kernel all the same and keeps the record in memory until the journal takes it")));
            monitor.forEach(Memo::writing);
            events.on(new Event.Applying(target, plan.changes().size()));
            Reconciler.Applied o = reconciler.apply(plan, interrupts::requested);
            events.on(new Event.Ran(o.commands()));
            Option<Instant> hold = intent.kind() == Record.Kind.MONITOR ? monitor.flatMap(Memo::holdUntil) : Option.none();
            // The spec's git provenance is looked up only now: opening a repository must not delay the write.
            Record finished = start.finished(outcome(o.outcome()), o.after(), o.commands(), o.failure())
                    .withProvenance(provenance(intent));
            inMemory.forEach(m -> m.keep(finished));
            Option<String> id = journaled.isLeft() ? Option.none() : recorder.finish(journaled.get(), finished, this::found, hold);
            boolean confirmedEarlier = o.failure().isEmpty() && intent.confirmsPending() && confirms.supersede();
            return Either.right(new ApplyResult(target, intent.kind(), plan, o.outcome(), o.commands(), id, stateDir(),
                    o.failure(), confirmedEarlier, Option.none()));
        }, () -> Either.left(Engine.interruptedRefusal()));
    }

    /**
     * The journal entry of a change about to be made. The monitor's records that wait in memory go first: while
     * any still waits (flushJournal could not write it), a new one waits behind it, to keep the order.
     */
    private Either<Refusal, Journal.Entry> begin(Record start) {
        if (monitor.exists(m -> !m.unrecorded().isEmpty())) {
            int n = monitor.get().unrecorded().size();
            return Either.left(Refusal.of(Refusal.Reason.CANT_CREATE, "cannot write the audit journal in " + recorder.dir()
                    + ": " + (n == 1 ? "an earlier record" : n + " earlier records") + " of the monitor still wait in memory"));
        }
        return recorder.begin(start);
    }

    private static Option<Provenance> provenance(Intent intent) {
        return intent.specFile().flatMap(f -> intent.specText().flatMap(t -> Provenance.of(f, t)));
    }

    private Record record(Plan plan, Intent intent, List<String> commands) {
        return new Record(intent.kind(), intent.title() + ": " + plan.summary(), target.id(), plan.scope(),
                Record.Outcome.INTERRUPTED, intent.specFile().map(Path::toString), intent.specText(), Option.none(),
                plan.desired(), plan.current(), plan.current(), commands, PlanText.render(plan), Option.none(),
                intent.rollbackOf(), ws.clock().instant(), ws.user(), ws.host(), Version.current());
    }

    private static Record.Outcome outcome(ApplyResult.Outcome o) {
        return switch (o) {
            case UNCHANGED, APPLIED -> Record.Outcome.APPLIED;
            case REVERTED, INTERRUPTED -> Record.Outcome.REVERTED;
            case FAILED -> Record.Outcome.FAILED;
            case DECLINED, HELD -> throw new IllegalArgumentException("an apply that changed nothing is never recorded");
        };
    }

    /**
     * The owned state in a scope. A monitor's session reads it only when the kernel's events say something changed
     * since its last read, and keeps what it read for the next change.
     */
    mlb.model.Observed observed(Scope reading) {
        if (monitor.isEmpty()) return reconciler.read(reading);
        Memo m = monitor.get();
        Option<mlb.model.Observed> kept = m.unchanged(reading);
        if (kept.isDefined()) return kept.get();
        io.vavr.collection.Set<String> needed = Memo.followers(reading);
        Option<Long> at = m.beforeReading(needed);
        mlb.model.Observed read = reconciler.readOften(reading);
        at.forEach(g -> m.read(reading, read, g, needed));
        return read;
    }

    /** Plans toward desired, or refuses when that would take over foreign objects. */
    Either<Refusal, Plan> plan(mlb.model.NetState desired, Scope scope, List<String> notes) {
        return reconciler.plan(desired, scope, notes, this::observed).toEither().mapLeft(conflicts -> Refusal.problems(Refusal.Reason.FAILED,
                "mlb would take over objects that are not its own on " + target, conflicts));
    }
}
