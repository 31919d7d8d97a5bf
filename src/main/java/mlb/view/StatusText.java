package mlb.view;

import mlb.engine.DriftReport;
import io.vavr.control.Option;
import mlb.engine.Status;
import mlb.history.MonitorView;
import mlb.kernel.Traffic;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

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
        s.monitor().forEach(this::monitor);
    }

    private void monitor(Status.Monitoring m) {
        MonitorView v = m.view();
        if (!m.running()) {
            out.println("Monitor:         not running (pid " + v.pid() + " last wrote its view at " + v.updated() + ")");
            return;
        }
        Duration up = Duration.between(v.started(), Instant.now());
        out.println("Monitor:         pid " + v.pid() + ", running for " + HumanView.human(Duration.ofSeconds(up.toSeconds()))
                + ", balancing over " + (v.balancing().isEmpty() ? "no link" : v.balancing().mkString(", "))
                + v.holding().map(h -> "; holding: " + h).getOrElse(""));
        TextTable t = new TextTable("link", "state", "since", ">last rtt", ">loss", ">mean rtt", ">weight",
                ">rx bytes", ">rx packets", ">tx bytes", ">tx packets", "why");
        for (MonitorView.LinkView l : v.links()) {
            Option<Traffic> traffic = m.traffic().get(l.name());
            t.row(l.name(), l.state(), Lines.DATE.format(l.since()).substring(11), ms(l.lastRttMs()),
                    l.lossPercent().map(p -> p + " %").getOrElse("-"), ms(l.meanRttMs()),
                    v.balancing().contains(l.name()) ? l.weight() : 0,
                    traffic.map(x -> TextTable.bytes(x.rxBytes())).getOrElse("-"), traffic.map(Traffic::rxPackets).getOrElse(-1L),
                    traffic.map(x -> TextTable.bytes(x.txBytes())).getOrElse("-"), traffic.map(Traffic::txPackets).getOrElse(-1L),
                    l.reason());
        }
        out.print(t.render(INDENT.substring(2)));
    }

    private static String ms(Option<Double> ms) {
        return ms.map(x -> String.format(Locale.ROOT, x < 10 ? "%.1f ms" : "%.0f ms", x)).getOrElse("-");
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
