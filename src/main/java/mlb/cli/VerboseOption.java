package mlb.cli;

import picocli.CommandLine.Option;

/** `-v/--verbose`: on the commands that change the kernel, the commands sent to it. */
final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, description = "Show the kernel commands as they run.")
    boolean on;
}
