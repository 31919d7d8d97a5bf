package mlb.cli;

import mlb.engine.Inputs;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a spec without touching the kernel. Exit 65 lists every problem.")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    SpecOption file;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        View view = main.view(json.json, "validate");
        return Main.render(Inputs.spec(file.path()), view, spec -> view.validated(file.path(), spec), spec -> Exit.OK);
    }
}
