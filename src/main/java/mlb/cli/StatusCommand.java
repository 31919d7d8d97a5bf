package mlb.cli;

import io.vavr.control.Either;
import mlb.engine.Engine;
import mlb.engine.Refusal;
import mlb.engine.Status;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.HumanView;
import mlb.view.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Last recorded apply, an apply waiting for `mlb confirm` (and its time left), drift: whether the"
                + " kernel still holds what the last apply recorded, and what a running `mlb monitor` sees of each link.")
final class StatusCommand implements Callable<Integer> {
    /** Home and clear screen: a frame replaces the one before on a terminal. */
    private static final String CLEAR = "\033[H\033[2J";

    @ParentCommand
    Main main;

    @Mixin
    TargetOption target;

    @Mixin
    StateOption state;

    @Mixin
    JsonOption json;

    @Option(names = "--watch", description = "Show it again every second until Ctrl-C (in place on a terminal).")
    boolean watch;

    @Override
    public Integer call() {
        Target t = target.target();
        View view = main.view(json.json, "status", io.vavr.control.Option.some(t), state, false);
        if (watch && json.json) {
            return Main.refused(view, Refusal.of(Refusal.Reason.USAGE, "--watch redraws the status for people",
                    io.vavr.collection.List.of("for scripts, run `mlb status --json` as often as needed")));
        }
        Engine engine = main.engine(t, view, state);
        if (!watch) return Main.render(engine.status(), view, view::status, s -> Exit.OK);
        // Ctrl-C is how a watch ends: exit 130 at once, without a word after the last frame.
        Engine.handleInterruptsQuietly();
        while (true) {
            Either<Refusal, Status> s = engine.status();
            if (s.isLeft()) return Main.refused(view, s.getLeft());
            main.out.print((main.env.interactive() ? CLEAR : "") + frame(t, s.get()) + (main.env.interactive() ? "" : "\n"));
            main.out.flush();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Exit.INTERRUPTED;
            }
        }
    }

    /** One status as the human view prints it, with the time it was read. */
    private String frame(Target t, Status s) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        out.println("mlb status --watch (every second; Ctrl-C ends it)");
        new HumanView(out, main.err, false, io.vavr.control.Option.some(t), main.stateGiven(state)).status(s);
        return buf.toString(StandardCharsets.UTF_8);
    }

}
