package mlb.cli;

import io.vavr.control.Option;
import mlb.engine.ConfirmResult;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "confirm", mixinStandardHelpOptions = true,
        description = "Keep an apply made with --confirm: cancel its pending revert.")
final class ConfirmCommand implements Callable<Integer> {
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
        View view = main.view(json.json, "confirm", Option.some(t), state, false);
        return Main.render(main.engine(t, view, state).confirm(), view, view::confirm,
                r -> r.ending() == ConfirmResult.Ending.TOO_LATE ? Exit.FAILED : Exit.OK);
    }
}
