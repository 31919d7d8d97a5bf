package mlb.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** `--state DIR`: the audit history, on every command that reads or writes it. */
final class StateOption {
    @Option(names = "--state", paramLabel = "DIR",
            description = "Audit history repository (default: state/ of the checkout when run as ./mlb, else /var/lib/mlb).")
    Path dir;
}
