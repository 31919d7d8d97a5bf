package mlb.apply;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.compile.Compiler;
import mlb.compile.Facts;
import mlb.kernel.Kernel;
import mlb.model.NetState;
import mlb.model.Observed;
import mlb.model.Sysctl;
import mlb.plan.Command;
import mlb.plan.Commands;
import mlb.plan.Diff;
import mlb.plan.Plan;
import mlb.plan.Planner;
import mlb.spec.Link;
import mlb.spec.Spec;

/**
 * plan → apply → verify → (revert). Applying is one kernel write of the rendered plan; verifying re-reads and
 * expects an empty plan; on any failure the state read before apply is planned back to from the new current
 * state, so nothing half-applied stays.
 */
public final class Reconciler {
    private final Kernel kernel;

    public Reconciler(Kernel kernel) {
        this.kernel = kernel;
    }

    public Facts facts(Spec spec) {
        List<String> devs = spec.links().map(Link::dev).distinct();
        java.util.Set<String> present = new java.util.HashSet<>(devs.filter(kernel::hasDevice).asJava());
        io.vavr.collection.Map<String, Option<String>> addresses = TreeMap.ofEntries(
                devs.filter(present::contains).map(d -> new io.vavr.Tuple2<>(d, kernel.ipv4Address(d))));
        return new Facts(addresses, present, kernel.supportsResilientGroups());
    }

    public Validation<List<String>, Compiler.Compiled> compile(Spec spec) {
        return Compiler.compile(spec, facts(spec));
    }

    /** Plans toward a desired state (compiled from a spec, recorded in history, or empty for destroy). */
    public Validation<List<String>, Plan> plan(NetState desired, int protocol, List<String> notes) {
        return Planner.plan(read(desired, protocol), desired, notes);
    }

    public Observed read(NetState desired, int protocol) {
        Set<String> sysctls = HashSet.ofAll(desired.all(Sysctl.class).map(Sysctl::name));
        return kernel.read(protocol, desired.tables(), sysctls);
    }

    /** Applies a plan made against the current kernel (the caller holds the target's lock). */
    public Outcome apply(Plan plan, int protocol) {
        if (plan.isEmpty()) {
            return new Outcome(Outcome.Status.UNCHANGED, plan, List.empty(), plan.current(), plan.current(), Option.none());
        }
        List<Command> commands = Commands.render(plan);
        Kernel.WriteResult written = kernel.write(commands);
        List<Command> ran = commands.take(written.attempted());
        // Everything either state holds: what the reads after the write must see, whichever way it went.
        NetState scope = plan.desired().merge(plan.current());
        NetState after = read(scope, protocol).owned();
        Plan remaining = Diff.plan(after, plan.desired(), List.empty());
        if (written.ok() && remaining.isEmpty()) {
            return new Outcome(Outcome.Status.APPLIED, plan, ran, plan.current(), after, Option.none());
        }
        String failure = written.failure().getOrElse(() -> "verification found " + remaining.summary()
                + " still to do after apply: " + remaining.changes().map(c -> c.symbol() + " " + c.subject().describe()).mkString("; "));
        return revert(plan, protocol, scope, after, ran, failure);
    }

    /** Plans from the state just read (now) back to the one read before apply, applies that, and checks it. */
    private Outcome revert(Plan plan, int protocol, NetState scope, NetState now, List<Command> ran, String failure) {
        Plan back = Diff.plan(now, plan.current(), List.empty());
        List<Command> undo = Commands.render(back);
        Kernel.WriteResult undone = kernel.write(undo);
        List<Command> all = ran.appendAll(undo.take(undone.attempted()));
        NetState restored = read(scope, protocol).owned();
        boolean clean = Diff.plan(restored, plan.current(), List.empty()).isEmpty();
        String why = clean ? failure : failure + "; restoring the previous state also failed: "
                + undone.failure().getOrElse("state still differs after revert");
        return new Outcome(clean ? Outcome.Status.REVERTED : Outcome.Status.FAILED, plan, all, plan.current(), restored,
                Option.some(why));
    }
}
