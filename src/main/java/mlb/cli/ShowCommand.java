package mlb.cli;

import mlb.history.Entry;
import mlb.history.History;
import mlb.history.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one history entry: its message and trailers, the spec as applied, the plan and the commands run.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "REV", description = "An entry's rev from `mlb history` (or any git revision).")
    String rev;

    @Override
    public Integer call() throws Exception {
        Session s = new Session(main, mlb.proc.Target.host());
        try (History h = Revs.open(s)) {
            Entry e = Revs.find(h, rev);
            Snapshot snap = Revs.snapshot(h, e);
            main.out.println("entry " + e.id());
            main.out.println("Date:    " + HistoryCommand.DATE.format(e.time()));
            main.out.println("Target:  " + e.target());
            main.out.println("Outcome: " + e.outcome());
            main.out.println();
            main.out.print(h.message(e).indent(4));
            section("Spec (spec.toml)", snap.spec().getOrElse("(none: this entry applied no spec)\n"));
            section("Plan (plan.txt)", snap.file("plan.txt").getOrElse(""));
            String commands = snap.file("commands.txt").getOrElse("");
            section("Commands run (commands.txt)", commands.isEmpty() ? "(none)\n" : commands);
            return Exit.OK;
        }
    }

    private void section(String title, String body) {
        main.out.println();
        main.out.println("--- " + title);
        main.out.print(body.endsWith("\n") || body.isEmpty() ? body : body + "\n");
    }
}
