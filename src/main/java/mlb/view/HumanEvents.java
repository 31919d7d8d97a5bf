package mlb.view;

import io.vavr.control.Option;
import mlb.engine.Event;
import mlb.engine.Listener;
import mlb.history.Record;
import mlb.plan.PlanText;
import mlb.proc.Target;

import java.io.PrintStream;
import java.time.Instant;

/** Progress as a person reads it: plans and steps on stdout, warnings and recoveries on stderr. */
final class HumanEvents implements Listener {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean verbose;
    private final HumanView results;
    private final Option<Target> target;
    private final StateArg state;

    HumanEvents(PrintStream out, PrintStream err, boolean verbose, HumanView results, Option<Target> target, StateArg state) {
        this.out = out;
        this.err = err;
        this.verbose = verbose;
        this.results = results;
        this.target = target;
        this.state = state;
    }

    @Override
    public void recovered(Event.Recovered r) {
        err.println("mlb: recorded an earlier " + r.kind().name().toLowerCase() + " from the journal as "
                + r.id().substring(0, 7) + " (" + r.outcome().name().toLowerCase() + ")");
    }

    @Override
    public void warning(Event.Warning w) {
        err.println("mlb: warning: " + state.complete(w.text()));
    }

    @Override
    public void watching(Event.Watching w) {
        out.println(Instant.now() + " mlb confirm-watch: " + w.text());
    }

    @Override
    public void settling(Event.Settling s) {
        out.println("The apply on " + s.target() + " was not confirmed by " + Lines.date(s.deadline()) + " " + s.why()
                + ": reverting to the state before it.");
    }

    /** A failed revert is reported by the operation it stopped; a successful one says so here. */
    @Override
    public void settled(Event.Settled s) {
        if (s.result().ok()) results.apply(s.result());
    }

    @Override
    public void rollingBack(Event.RollingBack r) {
        out.println("Rolling back " + r.target() + " to " + Lines.entry(r.to()));
        if (!r.to().applied()) {
            out.println("Note: that entry's apply did not succeed (" + r.to().outcome() + "); returning to the state it left.");
        }
    }

    @Override
    public void planned(Event.Planned p) {
        out.print(PlanText.render(p.plan(), nothingToDo(p.kind())));
    }

    @Override
    public void applying(Event.Applying a) {
        out.println("Applying " + Lines.plural(a.changes(), "change", "changes") + " to " + a.target() + " ...");
    }

    @Override
    public void ran(Event.Ran r) {
        if (verbose) r.commands().forEach(c -> out.println("  " + c));
    }

    /** What an empty plan means depends on what it was planned for. */
    private String nothingToDo(Record.Kind kind) {
        String where = target.map(Target::toString).getOrElse("this target");
        return switch (kind) {
            case APPLY, MONITOR -> "No changes. The kernel matches the spec.";
            case DESTROY -> "Nothing to destroy: mlb owns nothing on " + where + ".";
            case ROLLBACK -> "No changes: " + where + " already holds the state of that entry.";
            case REVERT -> "No changes: " + where + " is already as it was before the unconfirmed apply.";
        };
    }
}
