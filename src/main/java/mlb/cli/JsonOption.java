package mlb.cli;

import picocli.CommandLine.Option;

/** `--json`: the result as one JSON document on stdout. */
final class JsonOption {
    @Option(names = "--json", description = "Print the result as JSON (docs/commands.md describes each document).")
    boolean json;
}
