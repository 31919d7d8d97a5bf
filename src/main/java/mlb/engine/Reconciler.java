package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.compile.Compiler;
import mlb.compile.Facts;
import mlb.kernel.Devices;
import mlb.kernel.Kernel;
import mlb.kernel.Written;
import mlb.model.NetState;
import mlb.model.Observed;
import mlb.model.Scope;
import mlb.plan.Describe;
import mlb.plan.Diff;
import mlb.plan.Plan;
import mlb.plan.Planner;
import mlb.spec.Diagnostic;
import mlb.spec.Link;
import mlb.spec.Spec;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * plan → apply → verify → (revert) on one kernel. Applying is one write of the plan's changes; verifying re-reads
 * and expects nothing left to do; on any failure the state read before is planned back to from the new current
 * state, so nothing half-applied stays. Public for the properties that drive it over the fake kernel; everything
 * else goes through {@link Engine}, which adds the lock, the journal and the record.
 */
public final class Reconciler {
    private final Kernel kernel;

    public Reconciler(Kernel kernel) {
        this.kernel = kernel;
    }

    Kernel kernel() {
        return kernel;
    }

    public Validation<List<Diagnostic>, Compiler.Compiled> compile(Spec spec) {
        return Compiler.compile(spec, facts(spec));
    }

    /** With only these links carrying balanced traffic (the monitor's view), none meaning all. */
    Validation<List<Diagnostic>, Compiler.Compiled> compile(Spec spec, Option<io.vavr.collection.Set<String>> balancing) {
        return compile(spec, balancing, facts(spec));
    }

    Validation<List<Diagnostic>, Compiler.Compiled> compile(Spec spec, Option<io.vavr.collection.Set<String>> balancing, Facts facts) {
        return Compiler.compile(spec, facts, balancing);
    }

    Facts facts(Spec spec) {
        Devices d = kernel.devices();
        io.vavr.collection.Set<String> devs = spec.links().map(Link::dev).toSet();
        return new Facts(d.all().filterKeys(devs::contains), d.resilientGroups());
    }

    /** Plans toward a desired state (compiled from a spec, recorded in history, or empty for destroy). */
    public Validation<List<Diagnostic>, Plan> plan(NetState desired, Scope scope, List<String> notes) {
        return plan(desired, scope, notes, kernel::read);
    }

    /** The same, with the owned state of the scope read (covering desired) coming from read. */
    Validation<List<Diagnostic>, Plan> plan(NetState desired, Scope scope, List<String> notes, Function<Scope, Observed> read) {
        Scope reading = reading(desired, scope);
        return Planner.plan(read.apply(reading), desired, reading, notes);
    }

    /** What a plan toward desired within scope reads. */
    static Scope reading(NetState desired, Scope scope) {
        return scope.covering(desired);
    }

    Observed read(Scope scope) {
        return kernel.read(scope);
    }

    /** A read for the monitor, which reads for every change it makes (see Driver.read). */
    Observed readOften(Scope scope) {
        return kernel.read(scope, true);
    }

    /** How a write went: applied and verified, reverted, or failed with the revert failing too. */
    public record Applied(ApplyResult.Outcome outcome, List<String> commands, NetState after, Option<String> failure) {
    }

    /** Applies a plan made against the current kernel (the caller holds the target's lock). */
    public Applied apply(Plan plan) {
        return apply(plan, () -> false);
    }

    /** The same, stopping between write batches and reverting when stop says so (an interrupt). */
    public Applied apply(Plan plan, BooleanSupplier stop) {
        if (plan.isEmpty()) return new Applied(ApplyResult.Outcome.UNCHANGED, List.empty(), plan.current(), Option.none());
        Written written = kernel.write(plan.changes(), stop);
        // Everything either state holds: what the reads after the write must see, whichever way it went.
        Scope scope = plan.scope().covering(plan.desired()).covering(plan.current());
        NetState after = kernel.read(scope).owned();
        List<mlb.model.Change> remaining = Diff.changes(after, plan.desired());
        if (written.ok() && remaining.isEmpty()) {
            return new Applied(ApplyResult.Outcome.APPLIED, written.sent(), after, Option.none());
        }
        if (written.stopped()) {
            String why = "stopped after " + written.sent().size() + " of " + kernel.commands(plan.changes()).map(List::size).getOrElse(0)
                    + " commands, which were reverted";
            return revert(plan, scope, after, written.sent(), why, true);
        }
        if (!written.ok() && stop.getAsBoolean()) {
            // A terminal's Ctrl-C reaches the whole process group: the tool writing the batch died of it.
            return revert(plan, scope, after, written.sent(), "stopped during a write that the same interrupt ended"
                    + " (its tool got the signal too), which was reverted", true);
        }
        String failure = written.failure().getOrElse(() -> "verification found " + Plan.of(after, plan.desired(),
                List.empty(), scope).summary() + " still to do after apply: " + remaining.map(c -> c.symbol() + " " + Describe.of(c.subject())).mkString("; "));
        return revert(plan, scope, after, written.sent(), failure, false);
    }

    /** Plans from the state just read (now) back to the one read before apply, applies that, and checks it. */
    private Applied revert(Plan plan, Scope scope, NetState now, List<String> ran, String failure, boolean interrupted) {
        Written undone = kernel.write(Diff.changes(now, plan.current()));
        List<String> all = ran.appendAll(undone.sent());
        NetState restored = kernel.read(scope).owned();
        boolean clean = Diff.changes(restored, plan.current()).isEmpty();
        String why = clean ? failure : failure + "; restoring the previous state also failed: "
                + undone.failure().getOrElse("state still differs after revert");
        ApplyResult.Outcome outcome = !clean ? ApplyResult.Outcome.FAILED
                : interrupted ? ApplyResult.Outcome.INTERRUPTED : ApplyResult.Outcome.REVERTED;
        return new Applied(outcome, all, restored, Option.some(why));
    }
}
