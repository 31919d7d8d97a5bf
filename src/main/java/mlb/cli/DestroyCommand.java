package mlb.cli;

import io.vavr.control.Option;
import mlb.engine.Refusal;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = "Remove every object mlb owns (its protocol's rules in its priority range, their tables'"
                + " routes, its nexthops) and nothing else. Kernel settings are left as they are.")
final class DestroyCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    TargetOption target;

    @Mixin
    StateOption state;

    @picocli.CommandLine.Option(names = "--protocol", paramLabel = "N",
            description = "Route protocol mlb's objects carry (default: the one the last apply recorded, else 250).")
    Integer protocol;

    @Mixin
    YesOption yes;

    @Mixin
    JsonOption json;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        Target t = target.target();
        View view = main.view(json.json, "destroy", Option.some(t), state, verbose.on);
        Option<Refusal> prompt = main.promptWithJson(json.json, yes.yes);
        if (prompt.isDefined()) return Main.refused(view, prompt.get());
        return Main.render(main.engine(t, view, state).destroy(Option.of(protocol), main.approval(yes.yes)), view, view::apply,
                Exit::of);
    }
}
