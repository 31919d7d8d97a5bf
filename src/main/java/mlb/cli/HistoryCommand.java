package mlb.cli;

import io.vavr.control.Option;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List the recorded applies of a target, newest first: short rev, date, outcome, message.",
                "It reads only the audit history, so it also lists a namespace that no longer exists."})
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    TargetOption target;

    @Mixin
    StateOption state;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Target t = target.target();
        View view = main.view(json.json, "history", Option.some(t), state, false);
        return Main.render(main.engine(t, view, state).history(), view, view::history, h -> Exit.OK);
    }
}
