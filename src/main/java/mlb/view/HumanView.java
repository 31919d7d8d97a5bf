package mlb.view;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.engine.Compared;
import mlb.engine.ConfirmResult;
import mlb.engine.DriftReport;
import mlb.engine.Event;
import mlb.engine.HistoryResult;
import mlb.engine.Listener;
import mlb.engine.PlanResult;
import mlb.engine.Refusal;
import mlb.engine.Shown;
import mlb.engine.Status;
import mlb.engine.WatchResult;
import mlb.plan.PlanText;
import mlb.proc.Target;
import mlb.spec.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/** Results as a person reads them. */
public final class HumanView implements View {
    /** Commands shown from each end of a failed write's list (`--verbose` and --json show all of them). */
    static final int SENT_SHOWN = 25;
    private final PrintStream out;
    private final PrintStream err;
    private final Option<Target> target;
    private final StateArg state;
    private final Listener events;

    /** For a front end that names no target or state of its own (the lab's record of what mlb printed). */
    public HumanView(PrintStream out, PrintStream err, boolean verbose) {
        this(out, err, verbose, Option.none(), Option.none());
    }

    /**
     * target: the one the command acts on (for `show`, the one it was given, if any); state: the --state the
     * user gave, which every suggested command repeats.
     */
    public HumanView(PrintStream out, PrintStream err, boolean verbose, Option<Target> target, Option<Path> state) {
        this.out = out;
        this.err = err;
        this.target = target;
        this.state = new StateArg(state);
        this.events = new HumanEvents(out, err, verbose, this, target, this.state);
    }

    @Override
    public Listener events() {
        return events;
    }

    @Override
    public void refused(Refusal r) {
        error(r.message(), r.context());
    }

    private void error(String message, List<String> context) {
        err.println("mlb: error: " + state.complete(message));
        context.forEach(line -> err.println("  " + state.complete(line)));
    }

    @Override
    public void validated(Path file, Spec spec) {
        var b = spec.balancer();
        String hashing = b.hash().name().toLowerCase() + " hashing";
        String how = b.mode() == mlb.spec.Balancer.Mode.ROUTE ? hashing : b.connmark().lan().isEmpty()
                ? "its own connections by " + hashing : b.connmark().distribution().name().toLowerCase() + " distribution";
        out.printf("%s: valid (%s, %s mode, %s)%n", file, Lines.plural(spec.links().size(), "link", "links"),
                b.mode().name().toLowerCase(), how);
    }

    @Override
    public void plan(PlanResult r) {
        if (r.journalPending()) err.println("mlb: note: an earlier apply waits in the journal to be recorded");
        r.drift().filter(DriftReport::drifted).forEach(d -> drift(out, d));
        out.print(PlanText.render(r.plan()));
        r.savedTo().forEach(f -> out.println("Saved the plan to " + f + ": apply it with "
                + state.complete("`mlb apply " + Lines.word(f.toString()) + Lines.netnsArg(r.target()) + "`") + "."));
    }

    /** Before the plan, so a person sees that part of it undoes someone's manual change. */
    static void drift(PrintStream to, DriftReport d) {
        to.println("Changed outside mlb since the last apply (" + d.last().shortId() + ", " + Lines.date(d.last().time()) + "):");
        d.lines().forEach(l -> to.println("  " + l));
        to.println();
    }

    @Override
    public void apply(ApplyResult r) {
        Runnable show = switch (r.outcome()) {
            case UNCHANGED, HELD -> () -> { };
            case DECLINED -> () -> err.println("mlb: " + verb(r) + " cancelled; nothing was changed");
            case APPLIED -> () -> applied(r);
            case REVERTED -> () -> error(verb(r) + " failed and was reverted: " + r.failure().get(),
                    sent(r).append("the state read before " + verb(r) + " is restored"));
            case INTERRUPTED -> () -> err.println("Interrupt received: " + r.failure().get() + "; the kernel is as before"
                    + r.recorded().map(id -> " (recorded as " + id.substring(0, 7) + ")").getOrElse("") + ".");
            case FAILED -> () -> error(verb(r) + " failed and the revert failed too: " + r.failure().get(),
                    sent(r).append("the owned state now differs from before: " + r.recorded()
                            .map(id -> "`mlb diff " + id.substring(0, 7) + "` shows how")
                            .getOrElse("`mlb status" + Lines.netnsArg(r.target()) + "` shows the drift from the last recorded apply")));
        };
        show.run();
    }

    @Override
    public void interruptAfter(ApplyResult r) {
        switch (r.outcome()) {
            case APPLIED -> err.println("Interrupt received: the " + verb(r) + " was complete when it came; the kernel holds"
                    + " the change" + r.recorded().map(id -> " (recorded as " + id.substring(0, 7) + ")").getOrElse("") + ".");
            case UNCHANGED, HELD -> err.println("Interrupt received: the " + verb(r) + " changed nothing; the kernel is as before.");
            case DECLINED, REVERTED, INTERRUPTED, FAILED -> { }
        }
    }

    /** A revert's success was shown as it happened (Event.Settled); a failure is shown with the result. */
    private void failure(ApplyResult revert) {
        if (!revert.ok()) apply(revert);
    }

    /** The operation a failure happened in; a revert's own apply failing is an apply failing. */
    private static String verb(ApplyResult r) {
        return switch (r.kind()) {
            case APPLY, MONITOR, REVERT -> "apply";
            case DESTROY -> "destroy";
            case ROLLBACK -> "rollback";
        };
    }

    /** "Apply complete", "Destroy complete", ...: the operation that finished. */
    private static String complete(ApplyResult r) {
        return switch (r.kind()) {
            case APPLY, MONITOR -> "Apply complete";
            case REVERT -> "Revert complete";
            case DESTROY -> "Destroy complete";
            case ROLLBACK -> "Rollback complete";
        };
    }

    private void applied(ApplyResult r) {
        out.println(complete(r) + ": " + r.plan().summary() + ". Verified: a new read of the kernel plans no changes.");
        r.recorded().forEach(id -> out.println("Recorded as " + id.substring(0, 7) + " in " + r.stateDir() + "."));
        if (r.confirmedEarlier()) out.println("Note: this also confirms the apply that was waiting for `mlb confirm`.");
        r.armed().forEach(a -> out.println("Confirm by " + Lines.TIME.format(a.deadline()) + " (" + human(a.duration()) + "): run "
                + state.complete("`mlb confirm" + Lines.netnsArg(r.target()) + "`")
                + ", or mlb reverts to the state before " + (a.earlier() ? "the unconfirmed applies." : "this apply.")));
    }

    private static List<String> sent(ApplyResult r) {
        return List.of("commands sent to the kernel: " + r.commands().size()).appendAll(shortened(r.commands()))
                .appendAll(r.recorded().map(id -> "recorded as " + id.substring(0, 7) + " in " + r.stateDir()));
    }

    /** A long list's head and tail: 20 000 set elements in an error message would drown the reason. */
    private static List<String> shortened(List<String> commands) {
        if (commands.size() <= 2 * SENT_SHOWN) return commands;
        return commands.take(SENT_SHOWN).append("... " + (commands.size() - 2 * SENT_SHOWN) + " more ...")
                .appendAll(commands.takeRight(SENT_SHOWN));
    }

    static String human(Duration d) {
        long sec = d.toSeconds();
        if (sec >= 3600 && sec % 3600 == 0) return sec / 3600 + "h";
        if (sec >= 60 && sec % 60 == 0) return sec / 60 + "m";
        return sec + "s";
    }

    @Override
    public void confirm(ConfirmResult r) {
        Runnable show = switch (r.ending()) {
            case NOTHING_PENDING -> () -> out.println("Nothing to confirm on " + r.target() + ": no apply is waiting for confirmation.");
            case CONFIRMED -> () -> out.println("Confirmed: the apply on " + r.target() + " stays"
                    + r.rev().map(rev -> " (" + rev.substring(0, 7) + ")").getOrElse("") + ".");
            case TOO_LATE -> () -> {
                failure(r.revert().get());
                error("too late: the confirm deadline passed at " + Lines.date(r.deadline().get())
                        + "; the unconfirmed apply was reverted", List.empty());
            };
        };
        show.run();
    }

    @Override
    public void watch(WatchResult r) {
        r.revert().forEach(a -> {
            failure(a);
            events.on(new Event.Watching("revert finished with exit code " + Exit.of(a)));
        });
    }

    @Override
    public void status(Status s) {
        new StatusText(out, state).render(s);
    }

    @Override
    public void history(HistoryResult h) {
        h.entries().forEach(e -> out.println(Lines.entry(e)));
        if (h.entries().isEmpty()) err.println("mlb: no history for " + h.target() + " in " + h.stateDir());
    }

    @Override
    public void show(Shown s) {
        target.filter(t -> !t.id().equals(s.entry().target())).forEach(t -> err.println("mlb: note: "
                + s.entry().shortId() + " belongs to " + s.entry().target() + ", not to " + t));
        new ShowText(out).render(s);
    }

    @Override
    public void diff(Compared c) {
        if (c.live().isDefined()) out.println("Spec: the kernel has no spec; compare specs between entries instead.");
        c.specDiff().forEach(d -> out.print(d.isEmpty() ? "Spec: no differences.\n" : "Spec:\n" + d));
        if (c.owned().isEmpty()) {
            out.println("Owned state (after.json): no differences between " + c.from() + " and " + c.to() + ".");
            return;
        }
        out.println("Owned state (after.json), from " + c.from() + " to " + c.to() + ":");
        c.owned().forEach(l -> out.println("  " + l));
    }
}
