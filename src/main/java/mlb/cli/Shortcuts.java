package mlb.cli;

import mlb.view.Exit;

import java.io.PrintStream;
import java.util.Optional;

/**
 * The answers that need no model of mlb's commands: `mlb --version`, mlb's own help (`--help`, `-h`, `help`)
 * and the usage error of a bare `mlb`, each printed as picocli prints it (ShortcutsTest holds them to that).
 * They are what a person types most while finding their way, and picocli's model of every command costs far
 * more than printing them. Help loses picocli's colours on a terminal.
 */
final class Shortcuts {
    private Shortcuts() {
    }

    /** The exit code once answered; empty when the words need picocli. */
    static Optional<Integer> answer(PrintStream out, PrintStream err, String... args) {
        if (args.length == 0) return Optional.of(Main.usage(err, "Missing required subcommand", java.util.List.of(), "mlb"));
        if (args.length > 1) return Optional.empty();
        switch (args[0]) {
            case "--version", "-V" -> out.println(VersionText.line());
            case "--help", "-h", "help" -> out.print(RootUsage.TEXT);
            default -> {
                return Optional.empty();
            }
        }
        out.flush();
        return Optional.of(Exit.OK);
    }
}
