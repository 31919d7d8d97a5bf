package mlb.cli;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.engine.Refusal;
import mlb.engine.Shown;
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

    @picocli.CommandLine.Option(names = "--spec", description = "Print only the spec as that entry applied it, e.g. to"
            + " write a rolled-back spec back to its file (`mlb rollback` changes the kernel, not your spec file).")
    boolean spec;

    @Override
    public Integer call() {
        View view = main.view(json.json, "show", Option.of(netns), state, false);
        if (spec && json.json) return Main.refused(view, Refusal.of(Refusal.Reason.USAGE, "--spec prints the spec as it is, not JSON"));
        Either<Refusal, Shown> shown = main.engine(Option.of(netns).getOrElse(Target::host), view, state).show(rev);
        if (!spec) return Main.render(shown, view, view::show, s -> Exit.OK);
        return Main.render(shown.flatMap(s -> s.snapshot().spec().toEither(() -> Refusal.of(Refusal.Reason.USAGE,
                rev + " holds no spec (" + s.entry().title() + ")"))), view, text -> main.out.print(text), t -> Exit.OK);
    }
}
