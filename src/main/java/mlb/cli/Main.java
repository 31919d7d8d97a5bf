package mlb.cli;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.engine.Approval;
import mlb.engine.Engine;
import mlb.engine.Refusal;
import mlb.proc.Target;
import mlb.spec.Suggest;
import mlb.view.Exit;
import mlb.view.HumanView;
import mlb.view.JsonView;
import mlb.view.View;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Scanner;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The `mlb` command: options and views only; the work is the engine's. Only main() exits. Its commands are
 * added per run ({@link Commands}): picocli's model of all of them costs more than a short command's work.
 */
@Command(name = "mlb", mixinStandardHelpOptions = true, versionProvider = VersionText.class,
        description = "Declarative multi-link load balancer for Linux routers.")
public final class Main {
    /**
     * `mlb --state DIR COMMAND`, the order scripts (and the confirm watcher) have used: still taken, for the
     * commands that read or write the history, which list --state themselves.
     */
    @CommandLine.Option(names = "--state", paramLabel = "DIR", hidden = true)
    Path state;

    final PrintStream out;
    final PrintStream err;
    final Env env;
    /** The words this run was given, for a command that runs mlb again elsewhere (the monitor in a namespace). */
    final java.util.List<String> args;

    Main(PrintStream out, PrintStream err, Env env, String... args) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.args = java.util.List.of(args);
    }

    public static void main(String[] args) {
        Engine.handleInterrupts();
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, Env.system(), args);
    }

    public static int run(PrintStream out, PrintStream err, Env env, String... args) {
        return Shortcuts.answer(out, err, args).orElseGet(() -> parse(out, err, env, args));
    }

    /** A run through picocli, with the commands it names. */
    static int parse(PrintStream out, PrintStream err, Env env, String... args) {
        Main main = new Main(out, err, env, args);
        CommandLine cl = Commands.line(main, args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExitCodeExceptionMapper(e -> Exit.FAILED);
        cl.setParameterExceptionHandler((e, a) -> usage(err, e));
        cl.setExecutionStrategy(parsed -> main.stateWhereItActs(parsed) ? new CommandLine.RunLast().execute(parsed) : Exit.USAGE);
        cl.setExecutionExceptionHandler((e, c, p) -> {
            err.println("mlb: error: internal error: " + e);
            e.printStackTrace(err);
            return Exit.FAILED;
        });
        int code = cl.execute(args);
        return Engine.interrupted() && !Engine.interruptsTold() ? Exit.INTERRUPTED : code;
    }

    /** A usage error, with picocli's guess at what was meant for a mistyped command or option. */
    private static int usage(PrintStream err, CommandLine.ParameterException e) {
        boolean unknownCommand = e instanceof CommandLine.UnmatchedArgumentException u && !u.isUnknownOption()
                && !e.getCommandLine().getSubcommands().isEmpty() && !u.getUnmatched().isEmpty();
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        return usage(err, unknownCommand ? "unknown command '" + ((CommandLine.UnmatchedArgumentException) e)
                        .getUnmatched().get(0) + "' for " + command : e.getMessage(),
                e instanceof CommandLine.UnmatchedArgumentException u ? suggestions(u) : java.util.List.of(), command);
    }

    /**
     * For an unknown option, the nearest of the command's options within two edits: picocli's guess (by shared
     * letter pairs) finds nothing for a short one with two letters swapped (`--yse`). Else picocli's guess.
     */
    private static java.util.List<String> suggestions(CommandLine.UnmatchedArgumentException u) {
        if (!u.isUnknownOption() || u.getUnmatched().isEmpty()) return u.getSuggestions();
        String word = u.getUnmatched().get(0).split("=", 2)[0];
        io.vavr.collection.List<String> names = io.vavr.collection.List.ofAll(u.getCommandLine().getCommandSpec().options())
                .filter(o -> !o.hidden()).flatMap(o -> io.vavr.collection.List.of(o.names()));
        return Suggest.closest(word, names).map(java.util.List::of).getOrElse(u::getSuggestions);
    }

    static int usage(PrintStream err, String message, java.util.List<String> suggestions, String command) {
        err.println("mlb: error: " + message);
        if (!suggestions.isEmpty()) err.println("  did you mean: " + String.join(" or ", suggestions) + "?");
        err.println("  see: " + command + " --help");
        return Exit.USAGE;
    }

    /** The old `mlb --state DIR COMMAND` order is refused for a command that has no history to read. */
    private boolean stateWhereItActs(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) leaf = leaf.subcommand();
        if (state == null || leaf == parsed || leaf.commandSpec().findOption("--state") != null
                || leaf.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
            return true;
        }
        err.println("mlb: error: --state does nothing for `" + leaf.commandSpec().qualifiedName() + "`: it reads no history");
        err.println("  see: " + leaf.commandSpec().qualifiedName() + " --help");
        return false;
    }

    /** The --state given to the command (or before it), none for the default. */
    Option<Path> stateGiven(StateOption own) {
        return Option.of(own.dir).orElse(Option.of(state));
    }

    Path stateDir(StateOption own) {
        return stateGiven(own).getOrElse(env::defaultStateDir);
    }

    /** The view of a command that names no target and reads no history (validate). */
    View view(boolean json, String command) {
        return json ? new JsonView(out, err, command, Option.none()) : new HumanView(out, err, false);
    }

    /** target: the one the command acts on (for show, the one given); state: the command's --state. */
    View view(boolean json, String command, Option<Target> target, StateOption state, boolean verbose) {
        Option<Path> given = stateGiven(state);
        return json ? new JsonView(out, err, command, target, given) : new HumanView(out, err, verbose, target, given);
    }

    Engine engine(Target target, View view, StateOption state) {
        return new Engine(env.workspace(stateDir(state)), target, view.events());
    }

    /** Shows the outcome with the view and returns its exit code. */
    static <T> int render(Either<Refusal, T> outcome, View view, Consumer<T> show, ToIntFunction<T> code) {
        if (outcome.isLeft()) return refused(view, outcome.getLeft());
        show.accept(outcome.get());
        return code.applyAsInt(outcome.get());
    }

    static int refused(View view, Refusal r) {
        view.refused(r);
        return Exit.of(r);
    }

    /**
     * A command that would ask needs --yes when nobody can answer: changing a router unasked from a script or
     * a pipe is how it cuts the link it is reached over. With --json on a terminal too: a prompt on stdout
     * would break the one JSON document there, and answering it blind is no better.
     */
    Option<Refusal> unasked(String command, Target target, boolean json, boolean yes) {
        if (yes) return Option.none();
        if (!env.interactive()) {
            return Option.some(Refusal.of(Refusal.Reason.USAGE, command + " asks before changing " + target
                    + ", and there is no terminal to ask on", io.vavr.collection.List.of("nothing was changed",
                    "add --yes to " + command + " without asking (scripts and pipes must)")));
        }
        return json ? Option.some(Refusal.of(Refusal.Reason.USAGE, "--json needs --yes: a prompt would break the JSON",
                io.vavr.collection.List.of("add --yes to change the kernel without asking, or leave out --json to be asked")))
                : Option.none();
    }

    /** Asks before changing anything, unless told not to ({@link #unasked} refused a run nobody can answer). */
    Approval approval(boolean yes) {
        return (plan, question) -> {
            if (yes) return true;
            out.print(question + " Only 'yes' will be accepted: ");
            out.flush();
            Scanner in = new Scanner(System.in);
            return in.hasNextLine() && in.nextLine().strip().equals("yes");
        };
    }
}
