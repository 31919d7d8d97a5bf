package mlb.cli;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.engine.Approval;
import mlb.engine.Engine;
import mlb.engine.Refusal;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine.Mixin;

import java.util.function.BiFunction;

/**
 * The options and the frame of the commands that change a target (apply, destroy, rollback): the target, the
 * state, --yes, --json, -v; a refusal without --yes where nobody can be asked (or with --json); the engine call,
 * its view, and what an interrupt that came during it did.
 */
final class Changing {
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

    /** before: the command's own refusal of its arguments, if any, reported before the target is touched. */
    int run(Main main, String command, Option<Refusal> before,
            BiFunction<Engine, Approval, Either<Refusal, ApplyResult>> change) {
        Engine.tellInterrupts();
        Target t = target.target();
        View view = main.view(json.json, command, Option.some(t), state, verbose.on);
        Option<Refusal> refused = before.orElse(() -> main.unasked(command, t, json.json, yes.yes));
        if (refused.isDefined()) return Main.refused(view, refused.get());
        Either<Refusal, ApplyResult> outcome = change.apply(main.engine(t, view, state), main.approval(yes.yes));
        int code = Main.render(outcome, view, view::apply, Exit::of);
        // The exit code is the outcome's: an interrupt that came too late to stop the change does not undo it.
        if (Engine.interrupted()) outcome.forEach(view::interruptAfter);
        return code;
    }
}
