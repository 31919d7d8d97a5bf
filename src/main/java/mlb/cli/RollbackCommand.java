package mlb.cli;

import io.vavr.control.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Return the kernel to the owned state recorded after an earlier apply (its after.json).",
                "It plans from the live kernel toward that state, so it also undoes drift and manual changes,"
                        + " and applies with the same verify and revert as apply.",
                "REV defaults to the successful apply before the newest successful one (so a second rollback"
                        + " goes forward again)."})
final class RollbackCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(arity = "0..1", paramLabel = "REV", description = "The entry to return to (see `mlb history`).")
    String rev;

    @Mixin
    Changing changing;

    @Override
    public Integer call() {
        return changing.run(main, "rollback", Option.none(), (engine, approval) -> engine.rollback(Option.of(rev), approval));
    }
}
