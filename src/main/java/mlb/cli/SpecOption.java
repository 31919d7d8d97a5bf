package mlb.cli;

import mlb.spec.Spec;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** `-f/--file SPEC`: the spec a command reads, mlb.toml when none is given. */
final class SpecOption {
    @Option(names = {"-f", "--file"}, paramLabel = "SPEC", description = "Spec file (default: " + Specs.DEFAULT + ").")
    Path file;

    /** Whether -f was given: apply takes a saved plan instead. */
    boolean given() {
        return file != null;
    }

    Path path() {
        return file != null ? file : Path.of(Specs.DEFAULT);
    }

    Spec load() {
        return Specs.load(path());
    }
}
