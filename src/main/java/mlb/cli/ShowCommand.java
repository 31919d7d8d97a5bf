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
        description = "Show one history entry: its message and trailers, the spec as applied, the plan and the commands run.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "REV", description = "An entry's rev from `mlb history` (or any git revision).")
    String rev;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        View view = main.view(json.json, "show", Option.none());
        return Main.render(main.engine(Target.host(), view).show(rev), view, view::show, s -> Exit.OK);
    }
}
