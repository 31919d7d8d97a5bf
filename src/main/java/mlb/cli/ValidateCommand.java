package mlb.cli;

import mlb.spec.Spec;
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

    @Override
    public Integer call() {
        Spec spec = file.load();
        main.out.printf("%s: valid (%d links, %s mode, %s hashing)%n", file.path(), spec.links().size(),
                spec.balancer().mode().name().toLowerCase(), spec.balancer().hash().name().toLowerCase());
        return Exit.OK;
    }
}
