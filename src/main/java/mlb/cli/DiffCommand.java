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

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show how the spec and the owned state differ between two entries.",
                "With one REV: what that entry changed (from the entry before it to REV).",
                "With REV2 = live: from REV to the kernel's owned state now (--netns picks the kernel)."})
final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "REV", description = "An entry's rev from `mlb history`.")
    String rev;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REV2", description = "Another entry, or `live`.")
    String rev2;

    @Mixin
    TargetOption target;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Target t = target.target();
        View view = main.view(json.json, "diff", Option.some(t));
        return Main.render(main.engine(t, view).diff(rev, Option.of(rev2)), view, view::diff, c -> Exit.OK);
    }
}
