package mlb.view;

import mlb.engine.DriftReport;
import mlb.engine.Status;

import java.io.PrintStream;

/** `mlb status` as text: one labelled line per fact, drift objects indented below. */
final class StatusText {
    private static final String INDENT = "                   ";
    private final PrintStream out;

    StatusText(PrintStream out) {
        this.out = out;
    }

    void render(Status s) {
        out.println("Target:          " + s.target());
        out.println("Last apply:      " + s.last().map(Lines::entry).getOrElse("none recorded"));
        out.println("Pending confirm: " + s.pending().map(p -> pending(s, p)).getOrElse("no"));
        out.println("Drift:           " + s.drift().map(StatusText::drift).getOrElse("unknown (nothing recorded)"));
        s.drift().forEach(d -> d.lines().forEach(l -> out.println(INDENT + l)));
        if (s.journalPending()) out.println("Journal:         an apply waits to be recorded (the next apply records it)");
    }

    private static String drift(DriftReport d) {
        return d.drifted() ? "yes, " + Lines.plural(d.lines().size(), "object", "objects") + " changed outside mlb (see `mlb plan`)" : "no";
    }

    private static String pending(Status s, Status.Pending p) {
        String watcher = p.watcherAlive() ? "watcher pid " + p.confirm().pid() : "no watcher running";
        String what = p.confirm().unconfirmed().map(r -> " of " + r.substring(0, 7)).getOrElse("");
        return p.secondsLeft() > 0
                ? "yes, " + p.secondsLeft() + "s left: reverts" + what + " at " + p.confirm().deadline() + " unless `mlb confirm"
                + Lines.netnsArg(s.target()) + "` runs (" + watcher + ")"
                : "overdue: the revert" + what + " is due now (" + watcher + ")";
    }
}
