package mlb.cli;

import io.vavr.control.Option;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show one history entry: its message and trailers, the spec as applied, the plan and the commands run.",
                "A rev names one entry whatever its target, so --netns is not needed; given, mlb says when REV"
                        + " belongs to another target."})
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "REV", description = "An entry's rev from `mlb history` (or any git revision).")
    String rev;

    @picocli.CommandLine.Option(names = "--netns", paramLabel = "NS", converter = TargetOption.Netns.class,
            description = "Say when REV belongs to another target than this namespace.")
    Target netns;

    @Mixin
    StateOption state;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        View view = main.view(json.json, "show", Option.of(netns), state, false);
        return Main.render(main.engine(Option.of(netns).getOrElse(Target::host), view, state).show(rev), view, view::show, s -> Exit.OK);
    }
}
