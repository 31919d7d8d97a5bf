package mlb.cli;

import io.vavr.collection.List;

/** A failure to report at the CLI edge: one `mlb: error:` line, context lines, and the exit code. */
final class CliError extends RuntimeException {
    final int exitCode;
    final List<String> context;

    CliError(int exitCode, String message, List<String> context) {
        super(message);
        this.exitCode = exitCode;
        this.context = context;
    }

    CliError(int exitCode, String message) {
        this(exitCode, message, List.empty());
    }
}
