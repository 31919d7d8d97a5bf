package mlb.cli;

import io.vavr.control.Option;
import mlb.engine.Engine;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show how the spec and the owned state differ between two entries.",
                "With one REV: what that entry changed (from the entry before it to REV).",
                "With REV2 = live: from REV to the kernel's owned state now: the kernel of the target REV was"
                        + " recorded for, or of --netns NS when given."})
final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "REV", description = "An entry's rev from `mlb history` (or any git revision).")
    String rev;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REV2",
            description = "Another entry to compare REV with, or `live` for the kernel now.")
    String rev2;

    @picocli.CommandLine.Option(names = "--netns", paramLabel = "NS", converter = TargetOption.Netns.class,
            description = "Read `live` from this namespace's kernel (default: the kernel of the target REV was recorded for).")
    Target netns;

    @Mixin
    StateOption state;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        View view = main.view(json.json, "diff", Option.of(netns), state, false);
        Engine engine = main.engine(Option.of(netns).getOrElse(Target::host), view, state);
        Option<String> other = Option.of(rev2);
        return Main.render(Option.of(netns).isDefined() ? engine.diff(rev, other) : engine.diffOnItsTarget(rev, other),
                view, view::diff, c -> Exit.OK);
    }
}
