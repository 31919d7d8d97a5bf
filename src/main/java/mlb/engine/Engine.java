package mlb.engine;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.kernel.KernelError;
import mlb.plan.SavedPlan;
import mlb.proc.SystemRunner;
import mlb.proc.Target;
import mlb.spec.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Every operation mlb performs on one target: lock, settle the journal and any abandoned confirm, read, plan
 * (with drift), apply, verify, revert, record, confirm. Calls return values; progress goes to the listener.
 * Nothing here prints or reads stdin: the CLI, the lab, the monitor and the tests all drive this.
 */
public final class Engine {
    private final Workspace ws;
    private final Target target;
    private final Listener events;
    private final Memo memo;

    public Engine(Workspace ws, Target target, Listener events) {
        this.ws = ws;
        this.target = target;
        this.events = events;
        this.memo = new Memo(ws.clock());
    }

    public Target target() {
        return target;
    }

    /** Takes SIGINT and SIGTERM over for the whole process (see Interrupts): what a command-line front end wants. */
    public static void handleInterrupts() {
        Interrupts.process().install();
    }

    /** The same for a long-running process that reports its own stop (the monitor). */
    public static void handleInterruptsQuietly() {
        Interrupts.process().install();
        Interrupts.process().quiet();
    }

    /**
     * The front end tells what its change did when an interrupt comes and ends with that outcome's exit code (the
     * CLI's apply, destroy, rollback): once the change began or its operation returned, the handler leaves the
     * ending to it (see Interrupts).
     */
    public static void tellInterrupts() {
        Interrupts.process().frontEndTells();
    }

    /** Whether the front end said it tells what an interrupt did ({@link #tellInterrupts}). */
    public static boolean interruptsTold() {
        return Interrupts.process().frontEndTellsNow();
    }

    /**
     * Whether this process was told to stop (SIGINT, SIGTERM): a front end ends with exit 130 then, unless it tells
     * what its change did.
     */
    public static boolean interrupted() {
        return Interrupts.requestedNow();
    }

    /**
     * Starts the target's slow reads now (see Driver.prefetch), for a plan whose spec is still to be parsed. A
     * target that cannot be read is said so by the plan's own read: nothing here can fail.
     */
    public void prefetch() {
        try {
            ws.kernels().apply(target).prefetch();
        } catch (RuntimeException e) {
            // the plan's read meets the same problem and reports it
        }
    }

    /** The plan toward a spec, drift since the last apply, and (with saveTo) the plan saved for `apply`. */
    public Either<Refusal, PlanResult> plan(Spec spec, Path specFile, Option<Path> saveTo) {
        return plan(spec, specFile, saveTo, Assumption.NONE);
    }

    /** With links assumed down or up: the plan the monitor would apply if they were (a what-if). */
    public Either<Refusal, PlanResult> plan(Spec spec, Path specFile, Option<Path> saveTo, Assumption assumed) {
        return onTarget(() -> Plans.plan(session(), spec, specFile, saveTo, assumed));
    }

    public Either<Refusal, ApplyResult> apply(Spec spec, Path specFile, Option<Duration> confirm, Approval approval) {
        return changing(() -> Applies.spec(session(), spec, specFile, confirm, approval));
    }

    /** Applies a saved plan, refusing it when the kernel moved since it was made. */
    public Either<Refusal, ApplyResult> apply(SavedPlan saved, Path planFile, Option<Duration> confirm, Approval approval) {
        return changing(() -> Applies.saved(session(), saved, planFile, confirm, approval));
    }

    /**
     * The monitor's change: the spec with only the links in balancing carrying balanced traffic (every link out
     * follows the spec's last_resort), recorded as a monitor entry; held while an apply waits for `mlb confirm`.
     */
    public Either<Refusal, ApplyResult> follow(Spec spec, Path specFile, io.vavr.collection.Set<String> balancing, String why) {
        return follow(spec, specFile, balancing, why, false);
    }

    /**
     * The same; repair: the balancing is what the monitor applied last, so whatever this changes was changed
     * outside the monitor, and the entry's title names it rather than claiming the links moved.
     */
    public Either<Refusal, ApplyResult> follow(Spec spec, Path specFile, io.vavr.collection.Set<String> balancing, String why,
                                               boolean repair) {
        return changing(() -> Applies.follow(new Session(ws, target, events, Option.some(memo)), memo, spec, specFile, balancing,
                why, repair));
    }

    /** The kernel's events, as the monitor's followers count them: while nothing changed, its changes reuse what was read. */
    public void followEvents(mlb.kernel.Generation changes) {
        memo.follow(changes);
    }

    /**
     * The count of the kernel's events that a change toward spec depends on, as the monitor's followers count
     * them; none while one of the followers it needs does not run.
     */
    public Option<Long> kernelGeneration(Spec spec) {
        return memo.beforeReading(followers(spec));
    }

    /** The event followers a read for a change toward spec needs (the scope of the last plan, else the spec's). */
    private io.vavr.collection.Set<String> followers(Spec spec) {
        return Memo.followers(memo.scope().getOrElse(() -> mlb.compile.Compiler.scope(spec.balancer())));
    }

    /** The monitor's next change reads the kernel afresh (the kernel check, a retry). */
    public void forgetReading() {
        memo.forgetReading();
    }

    /**
     * When due (see Memo.readingDue), reads what a change toward spec with these links balancing would read first,
     * the devices and the owned state, so the change after the next verdict need not wait for those reads while
     * the kernel's events say nothing changed. Changes nothing; a read that fails is not kept.
     */
    public void readAhead(Spec spec, io.vavr.collection.Set<String> balancing) {
        if (!memo.readingDue(followers(spec))) return;
        onTarget(() -> Applies.readAhead(new Session(ws, target, events, Option.some(memo)), memo, spec, balancing));
    }

    /**
     * The kernel said a device's carrier changed, as its event number generation (0: not counted). A device that
     * stays up keeps what was read, changed as the kernel changes it by itself (see CarrierLoss), so the change
     * this brings is written at once; anything else (a device set down or deleted) is read afresh.
     */
    public void carrierChanged(String dev, boolean up, boolean carrier, long generation) {
        if (!up || generation == 0 || !memo.carrier(dev, carrier, generation)) memo.forgetReusedFacts();
    }

    /**
     * One monitor per target: the lock `mlb monitor` holds for as long as it runs, whatever its --state. The
     * kernel releases it when the process ends, however it ends (kill -9 too), so it is never stale.
     */
    public Either<Refusal, Lock> monitorLock() {
        return onTarget(() -> session().monitorLock());
    }

    /**
     * The plan the monitor would make toward a spec with these links balancing, with the host checks of `mlb plan`
     * (devices, addresses, gateways, objects that are not mlb's) on a fresh read of the devices; changes nothing.
     * A reloaded spec must pass it before the monitor uses it.
     */
    public Either<Refusal, mlb.plan.Plan> planFollowing(Spec spec, io.vavr.collection.Set<String> balancing) {
        return onTarget(() -> {
            Session s = session();
            Monitors.Balancing only = new Monitors.Balancing(Option.some(balancing), io.vavr.collection.List.empty());
            return Plans.toward(s, Plans.compile(s, spec, only.links()), only, Option.none()).map(Plans.Planned::plan);
        });
    }

    /**
     * Commits the monitor's changes that wait in the journal to be coalesced, once their window closed (all:
     * whatever waits, as the monitor stops). Nothing to do is no work: no lock, no read.
     */
    public Either<Refusal, Boolean> recordHeld(boolean all) {
        if (!all && !memo.heldDue()) return Either.right(false);
        return guard(() -> {
            Session s = all ? session() : new Session(ws, target, events, Option.some(memo));
            return s.tryLock().map(lock -> lock.map(l -> {
                try {
                    if (all) memo.journaled(s.recorder.journal(memo.unrecorded()));
                    s.flushJournal();
                    return true;
                } finally {
                    Session.close(l);
                }
            }).orElse(false));
        });
    }

    /**
     * How many of the monitor's changes are in the kernel with their records still in memory: the journal could
     * not take them (a full or read-only state disk); they go there as soon as it does.
     */
    public int unrecorded() {
        return memo.unrecorded().size();
    }

    /** Removes everything mlb owns (of another protocol than the recorded one, when given). */
    public Either<Refusal, ApplyResult> destroy(Option<Integer> protocol, Approval approval) {
        return changing(() -> Applies.destroy(session(), protocol, approval));
    }

    public Either<Refusal, ApplyResult> rollback(Option<String> rev, Approval approval) {
        return changing(() -> Applies.rollback(session(), rev, approval));
    }

    /** Keeps an apply made with --confirm: cancels its pending revert (or reverts now when it is too late). */
    public Either<Refusal, ConfirmResult> confirm() {
        return changing(() -> Confirmations.confirm(session()));
    }

    /** The detached watcher of `apply --confirm`: waits for the deadline, then reverts unless confirmed. */
    public Either<Refusal, WatchResult> watch(Instant deadline, String token) {
        return changing(() -> Confirmations.watch(session(), deadline, token));
    }

    public Either<Refusal, Status> status() {
        return onTarget(() -> Audit.status(session()));
    }

    public Either<Refusal, HistoryResult> history() {
        return guard(() -> Audit.history(session()));
    }

    public Either<Refusal, Shown> show(String rev) {
        return guard(() -> Audit.show(session(), rev));
    }

    /** REV against the entry before it, against REV2, or (REV2 = "live") against this target's kernel now. */
    public Either<Refusal, Compared> diff(String rev, Option<String> rev2) {
        return rev2.contains(Audit.LIVE) ? onTarget(() -> Audit.diff(session(), rev, rev2, false))
                : guard(() -> Audit.diff(session(), rev, rev2, false));
    }

    /** The same, where live is the kernel of the target REV was recorded for (when no target was named). */
    public Either<Refusal, Compared> diffOnItsTarget(String rev, Option<String> rev2) {
        return guard(() -> Audit.diff(session(), rev, rev2, true));
    }

    /** The target, or why it cannot be acted on at all (a namespace that does not exist): before any other work. */
    public Either<Refusal, Target> present() {
        return Access.present(ws, target);
    }

    private Session session() {
        return new Session(ws, target, events);
    }

    /** An operation on the target's kernel: refused at once when the target does not exist, before the lock. */
    private <T> Either<Refusal, T> onTarget(Supplier<Either<Refusal, T>> operation) {
        return guard(() -> present().flatMap(t -> operation.get()));
    }

    /** One that changes the kernel: without the permission to, it says how to get it. */
    private <T> Either<Refusal, T> changing(Supplier<Either<Refusal, T>> operation) {
        return onTarget(operation).mapLeft(Access::withRootHint);
    }

    /**
     * The kernel or its tools unusable at all (no permission, no iproute2) is a refusal like any other; so is a
     * read that failed because an interrupt killed the tool it ran.
     */
    private static <T> Either<Refusal, T> guard(Supplier<Either<Refusal, T>> operation) {
        Interrupts interrupts = Interrupts.process();
        interrupts.enter();
        try {
            return operation.get();
        } catch (KernelError k) {
            return Either.left(interrupts.requested() ? interruptedRefusal() : refusal(k));
        } catch (SystemRunner.MissingProgram m) {
            return Either.left(interrupts.requested() ? interruptedRefusal() : missing(m));
        } finally {
            interrupts.exit();
        }
    }

    static Refusal interruptedRefusal() {
        return Refusal.of(Refusal.Reason.INTERRUPTED, "interrupted; nothing was changed");
    }

    private static Refusal refusal(KernelError k) {
        return Refusal.of(switch (k.reason()) {
            case MISSING_TOOL -> Refusal.Reason.MISSING_TOOL;
            case NOT_PERMITTED -> Refusal.Reason.NOT_PERMITTED;
            case FAILED -> Refusal.Reason.FAILED;
        }, k.getMessage());
    }

    private static Refusal missing(SystemRunner.MissingProgram m) {
        return Refusal.of(Refusal.Reason.MISSING_TOOL, "the " + Packages.name(m.program()) + " command is missing: install "
                + Packages.providing(m.program()));
    }
}
