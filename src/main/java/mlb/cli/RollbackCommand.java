package mlb.cli;

import io.vavr.collection.List;
import mlb.apply.Lock;
import mlb.history.Entry;
import mlb.history.History;
import mlb.history.Record;
import mlb.history.Snapshot;
import mlb.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Return the kernel to the owned state recorded after an earlier apply (its after.json).",
                "It plans from the live kernel toward that state, so it also undoes drift and manual changes,"
                        + " and applies with the same verify and revert as apply.",
                "REV defaults to the successful apply before the newest successful one (so a second rollback"
                        + " goes forward again)."})
final class RollbackCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(arity = "0..1", paramLabel = "REV", description = "The entry to return to (see `mlb history`).")
    String rev;

    @Mixin
    TargetOption target;

    @Option(names = {"-y", "--yes"}, description = "Do not ask before applying.")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        Session s = new Session(main, target.target());
        try (Lock ignored = s.lock(); History h = Revs.open(s)) {
            Entry to = rev != null ? Revs.inTarget(h, s, rev) : previousSuccess(h, s);
            Snapshot snap = Revs.snapshot(h, to);
            main.out.println("Rolling back " + s.target + " to " + HistoryCommand.line(to));
            if (!to.applied()) main.out.println("Note: that entry's apply did not succeed (" + to.outcome() + "); returning to the state it left.");
            Plan plan = s.plan(snap.after(), snap.protocol(), List.empty());
            s.printPlan(plan);
            if (plan.isEmpty()) return Exit.OK;
            if (!s.confirmed(yes, "Roll " + s.target + " back to " + to.shortId() + "?")) {
                main.err.println("mlb: rollback cancelled; nothing was changed");
                return Exit.FAILED;
            }
            Intent intent = Intent.of(Record.Kind.ROLLBACK, "rollback to " + to.shortId()).rollingBackTo(to.id(), snap.spec());
            return s.applyAndReport(plan, snap.protocol(), intent);
        }
    }

    private static Entry previousSuccess(History h, Session s) throws IOException {
        List<Entry> ok = h.log(s.target.id()).filter(Entry::applied);
        if (ok.size() < 2) {
            throw new CliError(Exit.USAGE, "nothing to roll back to: " + s.target + " has " + ok.size()
                    + " successful " + (ok.size() == 1 ? "apply" : "applies") + " in its history",
                    List.of("give a REV from `mlb history" + Confirms.netnsArg(s) + "`"));
        }
        return ok.get(1);
    }
}
