package mlb.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** `-f/--file SPEC`: the spec a command reads, mlb.toml when none is given. */
final class SpecOption {
    static final String DEFAULT = "mlb.toml";

    @Option(names = {"-f", "--file"}, paramLabel = "SPEC", description = "Spec file (default: " + DEFAULT + ").")
    Path file;

    /** Whether -f was given: apply takes a saved plan instead. */
    boolean given() {
        return file != null;
    }

    Path path() {
        return file != null ? file : Path.of(DEFAULT);
    }
}
