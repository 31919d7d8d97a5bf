package mlb.cli;

import io.vavr.control.Option;
import mlb.engine.Refusal;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

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

    @Mixin
    StateOption state;

    @Mixin
    YesOption yes;

    @Mixin
    JsonOption json;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        Target t = target.target();
        View view = main.view(json.json, "rollback", Option.some(t), state, verbose.on);
        Option<Refusal> prompt = main.promptWithJson(json.json, yes.yes);
        if (prompt.isDefined()) return Main.refused(view, prompt.get());
        return Main.render(main.engine(t, view, state).rollback(Option.of(rev), main.approval(yes.yes)), view, view::apply,
                Exit::of);
    }
}
