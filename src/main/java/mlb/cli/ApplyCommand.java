package mlb.cli;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.engine.Approval;
import mlb.engine.Engine;
import mlb.engine.Inputs;
import mlb.engine.Refusal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Make the kernel match the spec (or a saved plan), verify it, and revert on failure.")
final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    SpecOption file;

    @Parameters(arity = "0..1", paramLabel = "PLANFILE",
            description = "A plan saved by `mlb plan -o PLANFILE`; refused if the kernel changed since.")
    Path planFile;

    @Mixin
    Changing changing;

    @CommandLine.Option(names = "--confirm", paramLabel = "DURATION", converter = ConfirmTime.class,
            description = "Revert by itself to the state before this apply unless `mlb confirm` runs within"
                    + " DURATION (e.g. 90s, 2m, 1h).")
    Duration confirm;

    @Override
    public Integer call() {
        Option<Refusal> both = file.given() && planFile != null
                ? Option.some(Refusal.of(Refusal.Reason.USAGE, "give either -f SPEC or PLANFILE, not both")) : Option.none();
        return changing.run(main, "apply", both, this::run);
    }

    /** An invalid spec or an unreadable plan file is reported before the target is touched at all, lock included. */
    private Either<Refusal, ApplyResult> run(Engine engine, Approval approval) {
        Option<Duration> wait = Option.of(confirm);
        if (planFile != null) {
            return Inputs.savedPlan(planFile).flatMap(saved -> engine.apply(saved, planFile, wait, approval));
        }
        return Inputs.spec(file.path()).flatMap(spec -> engine.apply(spec, file.path(), wait, approval));
    }
}
