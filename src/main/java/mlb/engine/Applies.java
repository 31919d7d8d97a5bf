package mlb.engine;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.compile.Compiler;
import mlb.history.Entry;
import mlb.history.History;
import mlb.history.Record;
import mlb.history.LastRecord;
import mlb.history.Snapshot;
import mlb.model.NetState;
import mlb.model.Scope;
import mlb.plan.Plan;
import mlb.plan.SavedPlan;
import mlb.spec.Balancer;
import mlb.spec.Spec;
import mlb.spec.SpecParser;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The operations that change a target: apply (a spec or a saved plan), destroy and rollback. */
final class Applies {
    private Applies() {
    }

    static Either<Refusal, ApplyResult> spec(Session s, Spec spec, Path file, Option<Duration> confirm, Approval approval) {
        Intent intent = Intent.apply("apply " + Intent.specName(file.toString()),
                Option.some(file.toAbsolutePath().normalize()), spec.source(), confirm.isDefined());
        return locked(s, () -> Monitors.otherSpec(s, Option.some(file), spec.source()).<Either<Refusal, ApplyResult>>map(Either::left)
                .getOrElse(() -> Plans.toward(s, spec).map(Plans.Planned::plan).flatMap(plan -> apply(s, plan, intent, confirm, approval))));
    }

    static Either<Refusal, ApplyResult> saved(Session s, SavedPlan saved, Path file, Option<Duration> confirm,
                                              Approval approval) {
        if (!saved.target().equals(s.target.id())) {
            return Either.left(Refusal.of(Refusal.Reason.USAGE, file + " was made for " + saved.target() + ", not " + s.target.id(),
                    mlb.proc.Target.fromId(saved.target()).map(t -> List.of("apply it there: `mlb apply " + file + Hints.netns(t) + "`"))
                            .orElse(List.empty())));
        }
        Option<Path> specFile = saved.specFile().isEmpty() ? Option.none() : Option.some(Path.of(saved.specFile()));
        Intent intent = Intent.apply("apply " + Intent.specName(specFile.map(Path::toString).getOrElse(file.toString())),
                specFile, saved.specText(), confirm.isDefined());
        Plan made = saved.plan();
        return locked(s, () -> Monitors.otherSpec(s, specFile, saved.specText()).<Either<Refusal, ApplyResult>>map(Either::left)
                .getOrElse(() -> remade(s, saved, file).flatMap(fresh -> fresh.current().equals(made.current())
                        ? apply(s, fresh, intent, confirm, approval) : Either.left(stale(s, saved, file)))));
    }

    /** The plan no longer fits the kernel it is for: nothing was changed, and a new plan is one command away. */
    private static Refusal stale(Session s, SavedPlan saved, Path file) {
        return Refusal.of(Refusal.Reason.INVALID_SPEC, "the saved plan " + file + " is stale: the kernel changed since it was made",
                List.of("nothing was changed", "run `" + replan(s, saved, file) + "` again"));
    }

    private static String replan(Session s, SavedPlan saved, Path file) {
        return "mlb plan -f " + (saved.specFile().isEmpty() ? "SPEC" : saved.specFile()) + Hints.netns(s.target) + " -o " + file;
    }

    /**
     * The plan made again from the spec the saved plan carries, as `mlb plan` would make it now. A saved plan is
     * a file anyone may edit: what it says it will do must be exactly what its spec compiles to (only mlb's
     * objects, in mlb's scope, only mlb's kernel settings), or it is refused.
     */
    private static Either<Refusal, Plan> remade(Session s, SavedPlan saved, Path file) {
        String name = saved.specFile().isEmpty() ? file.toString() : saved.specFile();
        Plan made = saved.plan();
        Either<Refusal, Spec> spec = SpecParser.parse(saved.specText(), name).toEither().mapLeft(problems ->
                Refusal.problems(Refusal.Reason.INVALID_SPEC, "the spec inside the saved plan " + file + " is invalid", problems));
        return spec.flatMap(sp -> Plans.toward(s, sp)).flatMap(p -> p.plan().desired().equals(made.desired())
                && p.plan().scope().equals(made.scope()) ? Either.right(p.plan())
                : Either.left(Refusal.of(Refusal.Reason.INVALID_SPEC, "the saved plan " + file + " is not what its spec"
                        + " makes now: it was edited, or the devices or the monitor's view changed since",
                        List.of("nothing was changed", "make it again: `" + replan(s, saved, file) + "`"))));
    }

    private static Either<Refusal, ApplyResult> apply(Session s, Plan plan, Intent intent, Option<Duration> confirm,
                                                      Approval approval) {
        s.events.on(new Event.Planned(plan, Record.Kind.APPLY));
        return s.applyIfApproved(plan, intent, approval, "Apply these changes to " + s.target + "?").flatMap(r ->
                confirm.isEmpty() || r.outcome() != ApplyResult.Outcome.APPLIED ? Either.right(r)
                        : s.confirms.arm(confirm.get(), plan, r.recorded()).map(r::armed));
    }

    /**
     * The monitor's change: the spec with only these links carrying balanced traffic, through the same plan,
     * apply, verify and record as any apply. While an apply waits for `mlb confirm` it changes nothing: if that
     * apply is not confirmed, the kernel must return exactly to the state before it.
     */
    static Either<Refusal, ApplyResult> follow(Session s, Memo memo, Spec spec, Path file, Set<String> balancing, String why,
                                               boolean repair) {
        return locked(s, () -> s.confirms.read().flatMap(pending -> {
            if (pending.isDefined()) return Either.right(s.result(Plan.of(NetState.empty(), NetState.empty(), List.empty(),
                    pending.get().scope()), Record.Kind.MONITOR, ApplyResult.Outcome.HELD));
            Either<Refusal, ApplyResult> r = followOnce(s, memo, spec, file, balancing, why, repair);
            // The devices may have changed since their facts were read (a device went down and the kernel deleted
            // its nexthops): once more with a fresh read, rather than waiting for the retry.
            boolean done = r.exists(Applies::done);
            Either<Refusal, ApplyResult> last = !done && memo.forgetReusedFacts() ? followOnce(s, memo, spec, file, balancing, why, repair) : r;
            if (last.exists(Applies::done) && memo.firstRehearsal()) rehearse(s, memo, spec, file, balancing);
            return last;
        }));
    }

    private static boolean done(ApplyResult a) {
        return a.outcome() == ApplyResult.Outcome.APPLIED || a.outcome() == ApplyResult.Outcome.UNCHANGED;
    }

    /**
     * After its first decision, the monitor rehearses the change it would make if one of its links lost its
     * carrier: compiled, planned, rendered, encoded for the journal and checked by the kernel, but neither
     * journaled nor applied. Without it the first real failover runs all of that cold: in connmark mode about
     * 60 ms from verdict to write instead of about 15 (a fresh monitor and a carrier loss in the lab).
     */
    private static void rehearse(Session s, Memo memo, Spec spec, Path file, Set<String> balancing) {
        spec.links().find(l -> balancing.contains(l.name())).forEach(out -> {
            Monitors.Balancing only = new Monitors.Balancing(Option.some(balancing.remove(out.name())), List.empty());
            mlb.compile.Facts lost = memo.facts(spec, s.reconciler).withoutCarrier(out.dev());
            Plans.toward(s, Plans.fits(s, s.reconciler.compile(spec, only.links(), lost)), only, memo.scope())
                    .forEach(p -> s.rehearse(p.plan(), Intent.monitor("rehearsal", file.toAbsolutePath().normalize(), spec.source())));
        });
    }

    private static Either<Refusal, ApplyResult> followOnce(Session s, Memo memo, Spec spec, Path file, Set<String> balancing,
                                                           String why, boolean repair) {
        Monitors.Balancing only = new Monitors.Balancing(Option.some(balancing), List.empty());
        Either<Refusal, mlb.compile.Compiler.Compiled> compiled = Plans.fits(s,
                s.reconciler.compile(spec, only.links(), memo.facts(spec, s.reconciler)));
        return Plans.toward(s, compiled, only, memo.scope()).peek(p -> memo.planned(p.plan().scope())).flatMap(p -> {
            s.events.on(new Event.Planned(p.plan(), Record.Kind.MONITOR));
            String title = repair ? putBack(p.plan()) + "; " + why : why;
            return s.applyIfApproved(p.plan(), Intent.monitor(title, file.toAbsolutePath().normalize(), spec.source()),
                    Approval.ALWAYS, "");
        });
    }

    /** See Engine.readAhead: what a change toward these links would read, read by the monitor's session (kept). */
    static Either<Refusal, mlb.model.Observed> readAhead(Session s, Memo memo, Spec spec, Set<String> balancing) {
        Monitors.Balancing only = new Monitors.Balancing(Option.some(balancing), List.empty());
        return Plans.fits(s, s.reconciler.compile(spec, only.links(), memo.facts(spec, s.reconciler, true)))
                .map(c -> s.observed(Reconciler.reading(c.desired(), memo.scope().map(c.scope()::union).getOrElse(c.scope()))));
    }

    /**
     * What a repair changed, briefly: the objects changed outside the monitor that it put back, by what it did to
     * them ("nexthop group 200 restored; nexthop 202 and 1 route re-created").
     */
    static String putBack(Plan plan) {
        List<mlb.model.Change> changed = plan.changes().filter(c -> !(c instanceof mlb.model.Change.Replace r && r.recreated()));
        String what = changed.groupBy(Applies::verb).toList().sortBy(t -> t._1).map(t -> names(t._2) + " " + t._1).mkString("; ");
        return "put back what changed outside the monitor (" + what + ")";
    }

    private static String verb(mlb.model.Change c) {
        return c.match(cr -> "re-created", u -> "restored", r -> "restored", d -> "removed");
    }

    /** Nexthops and groups by id (the balancing lives there), other objects counted by kind. */
    private static String names(List<mlb.model.Change> cs) {
        List<String> byId = cs.filter(c -> c.key().kind() == mlb.model.Kind.NEXTHOP || c.key().kind() == mlb.model.Kind.GROUP)
                .map(c -> c.key().kind().label() + " " + Long.parseLong(c.key().id()));
        List<String> counted = cs.map(c -> c.key().kind()).filter(k -> k != mlb.model.Kind.NEXTHOP && k != mlb.model.Kind.GROUP)
                .groupBy(k -> k).toList().sortBy(t -> t._1).map(t -> t._2.size() + " " + t._1.label() + (t._2.size() == 1 ? "" : "s"));
        List<String> all = byId.appendAll(counted);
        return all.size() == 1 ? all.head() : all.init().mkString(", ") + " and " + all.last();
    }

    /** Removes everything in the scope the target's last entry was made for (or mlb's default scope). */
    static Either<Refusal, ApplyResult> destroy(Session s, Option<Integer> protocol, Approval approval) {
        return locked(s, () -> {
            Scope recorded = Drifts.last(s).map(LastRecord::scope).getOrElse(() -> Compiler.scope(Balancer.defaults()));
            Scope scope = protocol.filter(p -> p != recorded.protocol())
                    .map(p -> Scope.of(p, Compiler.scope(Balancer.defaults()).priorities().head())).getOrElse(recorded);
            return s.plan(NetState.empty(), scope, List.empty()).flatMap(plan -> {
                s.events.on(new Event.Planned(plan, Record.Kind.DESTROY));
                return s.applyIfApproved(plan, Intent.of(Record.Kind.DESTROY, "destroy " + s.target), approval,
                        "Destroy everything mlb owns on " + s.target + "?");
            });
        });
    }

    /** Back to the owned state recorded after an entry (by default the successful apply before the newest one). */
    static Either<Refusal, ApplyResult> rollback(Session s, Option<String> rev, Approval approval) {
        return locked(s, () -> s.requireHistory().flatMap(h -> {
            try (h) {
                return target(s, h, rev).flatMap(to -> snapshot(h, to)).flatMap(snap -> rollback(s, snap, approval));
            }
        }));
    }

    private static Either<Refusal, ApplyResult> rollback(Session s, Snapshot snap, Approval approval) {
        Entry to = snap.entry();
        s.events.on(new Event.RollingBack(s.target, to));
        return s.plan(snap.after(), snap.scope(), Monitors.overRollback(s)).flatMap(plan -> {
            s.events.on(new Event.Planned(plan, Record.Kind.ROLLBACK));
            Intent intent = Intent.of(Record.Kind.ROLLBACK, "rollback to " + to.shortId()).rollingBackTo(to.id(), snap.spec());
            return s.applyIfApproved(plan, intent, approval, "Roll " + s.target + " back to " + to.shortId() + "?");
        });
    }

    private static Either<Refusal, Entry> target(Session s, History h, Option<String> rev) {
        try {
            return rev.isDefined() ? Revisions.inTarget(h, s, rev.get()) : previousSuccess(h, s);
        } catch (IOException e) {
            return Either.left(Refusal.of(Refusal.Reason.FAILED, "cannot read the audit history " + s.stateDir() + ": " + e.getMessage()));
        }
    }

    private static Either<Refusal, Entry> previousSuccess(History h, Session s) throws IOException {
        List<Entry> ok = h.log(s.target.id()).filter(Entry::applied);
        if (ok.size() >= 2) return Either.right(ok.get(1));
        return Either.left(Refusal.of(Refusal.Reason.USAGE, "nothing to roll back to: " + s.target + " has " + ok.size()
                        + " successful " + (ok.size() == 1 ? "apply" : "applies") + " in its history",
                List.of("give a REV from `mlb history" + Hints.netns(s.target) + "`")));
    }

    static Either<Refusal, Snapshot> snapshot(History h, Entry e) {
        try {
            return Either.right(Snapshot.of(h, e));
        } catch (IOException ex) {
            return Either.left(Refusal.of(Refusal.Reason.FAILED, "cannot read entry " + e.shortId() + ": " + ex.getMessage()));
        }
    }

    /** Runs an operation holding the target's lock (after settling the journal and an abandoned confirm). */
    static <T> Either<Refusal, T> locked(Session s, java.util.function.Supplier<Either<Refusal, T>> operation) {
        return s.lock().mapLeft(Access::withRootHint).flatMap(lock -> {
            try {
                return operation.get();
            } finally {
                Session.close(lock);
            }
        });
    }
}
