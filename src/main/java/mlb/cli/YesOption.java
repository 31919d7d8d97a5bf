package mlb.cli;

import picocli.CommandLine.Option;

/** `-y/--yes`: do not ask before changing the kernel. */
final class YesOption {
    @Option(names = {"-y", "--yes"}, description = "Do not ask before changing anything.")
    boolean yes;
}
