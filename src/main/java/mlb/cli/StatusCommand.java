package mlb.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mlb.history.Entry;
import mlb.history.PendingConfirm;
import mlb.history.Watcher;
import mlb.model.StateJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Last recorded apply, an apply waiting for `mlb confirm` (and its time left), and drift:"
                + " whether the kernel still holds what the last apply recorded.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    TargetOption target;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Session s = new Session(main, target.target());
        s.flushIfIdle();
        io.vavr.control.Option<Drifts.Found> drift = Drifts.of(s);
        io.vavr.control.Option<PendingConfirm> pending = Confirms.read(s);
        if (json) main.out.println(StateJson.MAPPER.writeValueAsString(json(s, drift, pending)));
        else text(s, drift, pending);
        return Exit.OK;
    }

    private void text(Session s, io.vavr.control.Option<Drifts.Found> drift, io.vavr.control.Option<PendingConfirm> pending) {
        main.out.println("Target:          " + s.target);
        main.out.println("Last apply:      " + drift.map(f -> HistoryCommand.line(f.last())).getOrElse("none recorded"));
        main.out.println("Pending confirm: " + pending.map(p -> confirmText(s, p)).getOrElse("no"));
        main.out.println("Drift:           " + drift.map(f -> f.lines().isEmpty() ? "no" : "yes, " + f.lines().size()
                + (f.lines().size() == 1 ? " object" : " objects") + " changed outside mlb (see `mlb plan`)").getOrElse("unknown (nothing recorded)"));
        drift.forEach(f -> f.lines().forEach(l -> main.out.println("                   " + l)));
        if (s.recorder.pending()) main.out.println("Journal:         an apply waits to be recorded (the next apply records it)");
    }

    private static String confirmText(Session s, PendingConfirm p) {
        long left = secondsLeft(p);
        String watcher = Watcher.isWatcher(p.pid(), p.token()) ? "watcher pid " + p.pid() : "no watcher running";
        String what = p.unconfirmed().map(r -> " of " + r.substring(0, 7)).getOrElse("");
        return left > 0
                ? "yes, " + left + "s left: reverts" + what + " at " + p.deadline() + " unless `mlb confirm"
                + Confirms.netnsArg(s) + "` runs (" + watcher + ")"
                : "overdue: the revert" + what + " is due now (" + watcher + ")";
    }

    private static long secondsLeft(PendingConfirm p) {
        return Math.max(0, Duration.between(Instant.now(), p.deadline()).toSeconds());
    }

    private static ObjectNode json(Session s, io.vavr.control.Option<Drifts.Found> drift,
                                   io.vavr.control.Option<PendingConfirm> pending) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("target", s.target.id());
        if (drift.isDefined()) {
            Entry e = drift.get().last();
            n.putObject("last").put("rev", e.shortId()).put("commit", e.id()).put("time", e.time().toString())
                    .put("outcome", e.outcome()).put("message", e.title());
            n.put("drift", !drift.get().lines().isEmpty());
            drift.get().lines().forEach(n.putArray("drift_objects")::add);
        } else {
            n.putNull("last");
            n.putNull("drift");
        }
        if (pending.isDefined()) {
            PendingConfirm p = pending.get();
            ObjectNode c = n.putObject("pending_confirm");
            c.put("deadline", p.deadline().toString()).put("seconds_left", secondsLeft(p)).put("pid", p.pid())
                    .put("watcher_alive", Watcher.isWatcher(p.pid(), p.token()));
            p.unconfirmed().forEach(u -> c.put("unconfirmed", u));
        } else {
            n.putNull("pending_confirm");
        }
        n.put("journal_pending", s.recorder.pending());
        return n;
    }
}
