package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.compile.Compiler;
import mlb.history.LastRecord;
import mlb.model.Scope;
import mlb.plan.Plan;
import mlb.plan.SavedPlan;
import mlb.spec.Diagnostic;
import mlb.spec.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Planning toward a spec: compile with the target's facts, read, plan, and see what drifted since the last apply. */
final class Plans {
    private Plans() {
    }

    /** The plan toward a spec and the last recorded entry it was planned beside. */
    record Planned(Plan plan, Option<LastRecord> last) {
    }

    /** Toward a spec, honouring the links a running monitor has taken out. */
    static Either<Refusal, Planned> toward(Session s, Spec spec) {
        return toward(s, spec, Monitors.balancing(s, spec));
    }

    static Either<Refusal, Planned> toward(Session s, Spec spec, Monitors.Balancing balancing) {
        return toward(s, compile(s, spec, balancing.links()), balancing, Option.none());
    }

    /** With the scope last planned (the monitor's), when known: the history then need not be read. */
    static Either<Refusal, Planned> toward(Session s, Either<Refusal, Compiler.Compiled> compiled,
                                           Monitors.Balancing balancing, Option<Scope> known) {
        return compiled.map(c -> new Compiler.Compiled(c.desired(), c.scope(),
                c.notes().appendAll(balancing.notes()))).flatMap(c -> {
            if (known.isDefined()) {
                return s.plan(c.desired(), c.scope().union(known.get()), c.notes()).map(p -> new Planned(p, Option.none()));
            }
            Option<LastRecord> last = Drifts.last(s);
            // What the last apply owned is still ours to remove (priority_base or tables changed since).
            Scope scope = last.map(snap -> c.scope().union(snap.scope())).getOrElse(c.scope());
            return s.plan(c.desired(), scope, c.notes()).map(p -> new Planned(p, last));
        });
    }

    static Either<Refusal, Compiler.Compiled> compile(Session s, Spec spec, Option<io.vavr.collection.Set<String>> balancing) {
        return fits(s, s.reconciler.compile(spec, balancing));
    }

    static Either<Refusal, Compiler.Compiled> fits(Session s, io.vavr.control.Validation<List<Diagnostic>, Compiler.Compiled> compiled) {
        return compiled.toEither().mapLeft(problems -> Refusal.problems(Refusal.Reason.INVALID_SPEC,
                "the spec does not fit " + s.target + " (" + problems.size() + (problems.size() == 1 ? " problem)" : " problems)"),
                problems));
    }

    /** Refused when the history cannot be read: what the last apply owned is part of what the plan removes. */
    static Either<Refusal, PlanResult> plan(Session s, Spec spec, Path specFile, Option<Path> saveTo, Assumption assumed) {
        Option<Refusal> denied = Access.unreadableHistory(s.stateDir());
        if (denied.isDefined()) return Either.left(denied.get());
        return assumed.over(Monitors.balancing(s, spec), spec).flatMap(b -> toward(s, spec, b)).flatMap(p -> {
            Option<DriftReport> drift = p.last().map(last -> Drifts.newest(s, last)).map(snap -> Drifts.against(snap,
                    snap.scope().protocol() == p.plan().scope().protocol() ? p.plan().current()
                            : s.reconciler.read(snap.scope()).owned()));
            PlanResult result = new PlanResult(s.target, p.plan(), s.reconciler.kernel().commands(p.plan().changes()),
                    drift, s.recorder.pending(), saveTo);
            return saveTo.isEmpty() ? Either.right(result)
                    : save(saveTo.get(), new SavedPlan(s.target.id(), specFile.toString(), spec.source(), p.plan())).map(ok -> result);
        });
    }

    private static Either<Refusal, Path> save(Path file, SavedPlan saved) {
        try {
            Files.writeString(file, saved.text());
            return Either.right(file);
        } catch (IOException e) {
            return Either.left(Refusal.of(Refusal.Reason.FAILED, "cannot write the plan to " + file + ": " + e.getMessage(),
                    List.of("nothing was changed")));
        }
    }
}
