package mlb.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.engine.Assumption;
import mlb.engine.Engine;
import mlb.engine.Inputs;
import mlb.proc.Target;
import mlb.spec.SpecFile;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the changes that would make the kernel match the spec. Changes nothing.")
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Mixin
    SpecOption file;

    @Mixin
    TargetOption target;

    @Mixin
    StateOption state;

    @Mixin
    JsonOption json;

    @picocli.CommandLine.Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes, 0 when there are none.")
    boolean detailed;

    @picocli.CommandLine.Option(names = {"-o", "--out"}, paramLabel = "PLANFILE", description = "Save the plan for `mlb apply PLANFILE` (which refuses it once the kernel has changed).")
    Path out;

    @picocli.CommandLine.Option(names = "--assume", split = ",", paramLabel = "LINK=down|up",
            description = "What if: plan as if these links were down (or up), on top of what a running monitor holds; "
                    + "shows what the monitor would apply. Not with -o.")
    java.util.List<String> assume;

    @Override
    public Integer call() {
        Target t = target.target();
        View view = main.view(json.json, "plan", Option.some(t), state, false);
        Either<String, Assumption> assumed = Assumption.parse(assume == null ? List.empty() : List.ofAll(assume))
                .filterOrElse(a -> a.up().isEmpty() || out == null, a -> "--assume plans a what-if: it cannot be saved with -o");
        if (assumed.isLeft()) throw new picocli.CommandLine.ParameterException(command.commandLine(), assumed.getLeft());
        Engine engine = main.engine(t, view, state);
        // nft lists a big list's set in half a second: while the spec is parsed, not after
        if (SpecFile.looksNftables(file.path())) engine.prefetch();
        return Main.render(Inputs.spec(file.path()).flatMap(spec -> engine.plan(spec, file.path(),
                        Option.of(out), assumed.get())),
                view, view::plan, r -> detailed && !r.plan().isEmpty() ? Exit.CHANGES_PENDING : Exit.OK);
    }
}
