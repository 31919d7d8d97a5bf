package mlb.cli;

import io.vavr.control.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = "Remove every object mlb owns (its protocol's rules in its priority range, their tables'"
                + " routes, its nexthops) and nothing else. Kernel settings are left as they are.")
final class DestroyCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    Changing changing;

    @picocli.CommandLine.Option(names = "--protocol", paramLabel = "N",
            description = "Route protocol mlb's objects carry (default: the one the last apply recorded, else 250).")
    Integer protocol;

    @Override
    public Integer call() {
        return changing.run(main, "destroy", Option.none(), (engine, approval) -> engine.destroy(Option.of(protocol), approval));
    }
}
