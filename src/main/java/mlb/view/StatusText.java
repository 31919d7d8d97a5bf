package mlb.view;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.engine.DriftReport;
import mlb.engine.Status;
import mlb.history.MonitorView;
import mlb.kernel.Traffic;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** `mlb status` as text: one labelled line per fact, drift objects indented below (the first few of them). */
final class StatusText {
    /** Enough to see what kind of drift it is; `--json` lists every object. */
    static final int SHOWN = 10;
    private static final String INDENT = "                   ";
    private final PrintStream out;
    private final StateArg state;

    StatusText(PrintStream out, StateArg state) {
        this.out = out;
        this.state = state;
    }

    void render(Status s) {
        out.println("Target:          " + s.target());
        out.println("Last apply:      " + s.last().map(Lines::entry).getOrElse("none recorded"));
        out.println("Pending confirm: " + s.pending().map(p -> pending(s, p)).getOrElse("no"));
        s.busy().forEach(b -> out.println("Busy:            mlb (pid " + b.holder().pid() + ", state " + b.holder().stateDir()
                + ") has been changing " + s.target() + " since " + Lines.date(b.since())));
        out.println("Drift:           " + s.drift().map(d -> drift(s, d)).getOrElse(s.busy().isDefined()
                ? "not looked at while another mlb changes the kernel (what it writes is no drift)" : "unknown (nothing recorded)"));
        s.drift().forEach(d -> capped(d.lines(), "`mlb status" + Lines.netnsArg(s.target()) + " --json`")
                .forEach(l -> out.println(INDENT + l)));
        // While another mlb holds the lock, what is journaled is most likely its own entry, which it records itself.
        if (s.journalPending() && s.busy().isEmpty()) {
            out.println("Journal:         an apply waits to be recorded (the next apply records it)");
        }
        s.monitor().forEach(this::monitor);
    }

    /** The first SHOWN lines, and how many more there are and where to see them all. */
    List<String> capped(List<String> lines, String all) {
        if (lines.size() <= SHOWN) return lines;
        return lines.take(SHOWN).append("… and " + Lines.count(lines.size() - SHOWN) + " more (all of them: "
                + state.complete(all) + ")");
    }

    private void monitor(Status.Monitoring m) {
        MonitorView v = m.view();
        if (!m.running()) {
            out.println("Monitor:         not running (pid " + v.pid() + " last wrote its view at " + Lines.date(v.updated()) + ")");
            return;
        }
        Duration up = Duration.between(v.started(), Instant.now());
        out.println("Monitor:         pid " + v.pid() + ", running for " + HumanView.human(Duration.ofSeconds(up.toSeconds()))
                + ", balancing over " + (v.balancing().isEmpty() ? "no link" : v.balancing().mkString(", "))
                + v.holding().map(h -> "; holding: " + h).getOrElse(""));
        if (m.stale()) {
            out.println(INDENT + "its view is stale: last written " + Lines.date(v.updated()) + ", " + m.age().toSeconds()
                    + " s ago (it rewrites it every 2 s): it cannot write the state directory (full or read-only?);"
                    + " the states below may be old, and any drift above may be its own unrecorded changes");
        }
        if (v.unrecorded() > 0) {
            out.println(INDENT + Lines.plural(v.unrecorded(), "change", "changes") + " of the monitor in the kernel wait in its"
                    + " memory to be recorded: the journal could not take them");
        }
        TextTable t = new TextTable("link", "state", "since", ">last rtt", ">loss", ">mean rtt", ">weight",
                ">rx bytes", ">rx packets", ">tx bytes", ">tx packets", "why");
        for (MonitorView.LinkView l : v.links()) {
            Option<Traffic> traffic = m.traffic().get(l.name());
            // The view keeps the last answer a link ever gave (the log's "last rtt"); a down link answers nothing now.
            t.row(l.name(), l.state(), Lines.TIME.format(l.since()), l.state().equals("down") ? "-" : ms(l.lastRttMs()),
                    l.lossPercent().map(p -> p + " %").getOrElse("-"), ms(l.meanRttMs()),
                    v.balancing().contains(l.name()) ? l.weight() : 0,
                    traffic.map(x -> TextTable.bytes(x.rxBytes())).getOrElse("-"), traffic.<Object>map(Traffic::rxPackets).getOrElse("-"),
                    traffic.map(x -> TextTable.bytes(x.txBytes())).getOrElse("-"), traffic.<Object>map(Traffic::txPackets).getOrElse("-"),
                    l.reason());
        }
        out.print(t.render(INDENT.substring(2)));
    }

    private static String ms(Option<Double> ms) {
        return ms.map(x -> String.format(Locale.ROOT, x < 10 ? "%.1f ms" : "%.0f ms", x)).getOrElse("-");
    }

    private String drift(Status s, DriftReport d) {
        return d.drifted() ? "yes, " + Lines.plural(d.lines().size(), "object", "objects") + " changed outside mlb ("
                + state.complete("`mlb plan -f SPEC" + Lines.netnsArg(s.target()) + "`") + " plans them back)" : "no";
    }

    private String pending(Status s, Status.Pending p) {
        String watcher = p.watcherAlive() ? "watcher pid " + p.confirm().pid() : "no watcher running";
        String what = p.confirm().unconfirmed().map(r -> " of " + r.substring(0, 7)).getOrElse("");
        return p.secondsLeft() > 0
                ? "yes, " + p.secondsLeft() + "s left: reverts" + what + " at " + Lines.date(p.confirm().deadline()) + " unless "
                + state.complete("`mlb confirm" + Lines.netnsArg(s.target()) + "`") + " runs (" + watcher + ")"
                : "overdue: the revert" + what + " is due now (" + watcher + ")";
    }
}
