package mlb.cli;

import mlb.proc.Target;
import picocli.CommandLine.Option;

/** `--netns NS`: act on a network namespace instead of the host. */
final class TargetOption {
    @Option(names = "--netns", paramLabel = "NS", description = "Network namespace to act on (default: the host's).")
    String netns;

    Target target() {
        try {
            return netns == null ? Target.host() : Target.netns(netns);
        } catch (IllegalArgumentException e) {
            throw new CliError(Exit.USAGE, e.getMessage());
        }
    }
}
