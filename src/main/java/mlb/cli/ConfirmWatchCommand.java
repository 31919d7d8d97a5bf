package mlb.cli;


import mlb.engine.WatchResult;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.util.concurrent.Callable;

/** The detached process `apply --confirm` starts: at the deadline, reverts unless the apply was confirmed. */
@Command(name = "confirm-watch", hidden = true)
final class ConfirmWatchCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    TargetOption target;

    @Option(names = "--deadline", required = true, paramLabel = "EPOCHMS")
    long deadline;

    @Option(names = "--token", required = true)
    String token;

    @Override
    public Integer call() {
        Target t = target.target();
        View view = main.view(false, "confirm-watch", io.vavr.control.Option.some(t));
        return Main.render(main.engine(t, view).watch(Instant.ofEpochMilli(deadline), token), view, view::watch,
                ConfirmWatchCommand::code);
    }

    private static int code(WatchResult r) {
        return switch (r.ending()) {
            case CONFIRMED -> Exit.OK;
            case REVERTED -> Exit.of(r.revert().get());
            case GAVE_UP -> Exit.LOCKED;
        };
    }
}
