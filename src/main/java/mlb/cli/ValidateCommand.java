package mlb.cli;

import mlb.spec.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a spec without touching the kernel. Exit 65 lists every problem.")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = {"-f", "--file"}, paramLabel = "SPEC", defaultValue = Specs.DEFAULT, description = "Spec file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Override
    public Integer call() {
        Spec spec = Specs.load(file);
        main.out.printf("%s: valid (%d links, %s mode, %s hashing)%n", file, spec.links().size(),
                spec.balancer().mode().name().toLowerCase(), spec.balancer().hash().name().toLowerCase());
        return Exit.OK;
    }
}
