package mlb.cli;

import mlb.lab.LabCommand;
import picocli.CommandLine;

import java.util.List;
import java.util.Optional;

/**
 * mlb's commands by name, each made only when a run needs it: picocli builds the model of every command it is
 * given (options, mixins, help sections, the lab's ten commands), which costs more than most commands' work.
 * A run that names a command gets that one; `mlb help`, a mistyped command (for picocli's "did you mean") and
 * anything else get them all.
 */
final class Commands {
    /** Every command, in the order `mlb --help` lists them. */
    static final List<String> NAMES = List.of("init", "validate", "plan", "apply", "destroy", "history", "show", "diff",
            "rollback", "status", "confirm", "confirm-watch", "monitor", "lab", "help");

    private Commands() {
    }

    private static Object make(String name) {
        return switch (name) {
            case "init" -> new InitCommand();
            case "validate" -> new ValidateCommand();
            case "plan" -> new PlanCommand();
            case "apply" -> new ApplyCommand();
            case "destroy" -> new DestroyCommand();
            case "history" -> new HistoryCommand();
            case "show" -> new ShowCommand();
            case "diff" -> new DiffCommand();
            case "rollback" -> new RollbackCommand();
            case "status" -> new StatusCommand();
            case "confirm" -> new ConfirmCommand();
            case "confirm-watch" -> new ConfirmWatchCommand();
            case "monitor" -> new MonitorCommand();
            case "lab" -> new LabCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** The root command with the commands this run needs. */
    static CommandLine line(Main main, String... args) {
        return with(new CommandLine(main), chosen(args).map(List::of).orElse(NAMES));
    }

    /** The root command with every command, as `mlb --help` describes it. */
    static CommandLine all(Main main) {
        return with(new CommandLine(main), NAMES);
    }

    private static CommandLine with(CommandLine root, List<String> names) {
        for (String n : names) root.addSubcommand(n, make(n));
        return root;
    }

    /**
     * The command the words name: the first one, after only `--state DIR` (the one option taken before a
     * command that has a value). Empty for help, for a word that is no command, and when another option comes
     * first (`-h plan` shows mlb's own help, which lists every command).
     */
    static Optional<String> chosen(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--state")) {
                i++;
            } else if (!a.startsWith("--state=")) {
                return NAMES.contains(a) && !a.equals("help") ? Optional.of(a) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
