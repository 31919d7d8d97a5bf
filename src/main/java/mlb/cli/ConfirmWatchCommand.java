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
@Command(name = "confirm-watch", hidden = true,
        description = "Started by `mlb apply --confirm`: at the deadline, revert the apply unless it was confirmed.")
final class ConfirmWatchCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    TargetOption target;

    @Mixin
    StateOption state;

    @Option(names = "--deadline", required = true, paramLabel = "EPOCHMS", description = "When to revert, in ms since the epoch.")
    long deadline;

    @Option(names = "--token", required = true, paramLabel = "TOKEN",
            description = "The pending confirm this watcher is for: a later apply's confirm is not its business.")
    String token;

    @Override
    public Integer call() {
        Target t = target.target();
        View view = main.view(false, "confirm-watch", io.vavr.control.Option.some(t), state, false);
        return Main.render(main.engine(t, view, state).watch(Instant.ofEpochMilli(deadline), token), view, view::watch,
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
