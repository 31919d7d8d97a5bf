package mlb.cli;

import io.vavr.control.Option;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Last recorded apply, an apply waiting for `mlb confirm` (and its time left), and drift:"
                + " whether the kernel still holds what the last apply recorded.")
final class StatusCommand implements Callable<Integer> {
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
        View view = main.view(json.json, "status", Option.some(t), state, false);
        return Main.render(main.engine(t, view, state).status(), view, view::status, s -> Exit.OK);
    }
}
