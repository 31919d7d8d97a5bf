package mlb.cli;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.engine.Approval;
import mlb.engine.Engine;
import mlb.engine.Refusal;
import mlb.lab.LabCommand;
import mlb.proc.Target;
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

/** The `mlb` command: options and views only; the work is the engine's. Only main() exits. */
@Command(name = "mlb", mixinStandardHelpOptions = true, versionProvider = VersionText.class,
        description = "Declarative multi-link load balancer for Linux routers.",
        subcommands = {ValidateCommand.class, PlanCommand.class, ApplyCommand.class, DestroyCommand.class,
                HistoryCommand.class, ShowCommand.class, DiffCommand.class, RollbackCommand.class,
                StatusCommand.class, ConfirmCommand.class, ConfirmWatchCommand.class, MonitorCommand.class, LabCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    @CommandLine.Option(names = "--state", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Audit history repository (default: state/ of the checkout, or /var/lib/mlb).")
    Path state;

    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Show the kernel commands as they run.")
    boolean verbose;

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
        CommandLine cl = new CommandLine(new Main(out, err, env, args));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExitCodeExceptionMapper(e -> Exit.FAILED);
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("mlb: error: " + e.getMessage());
            err.println("  see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return Exit.USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, p) -> {
            err.println("mlb: error: internal error: " + e);
            e.printStackTrace(err);
            return Exit.FAILED;
        });
        int code = cl.execute(args);
        return Engine.interrupted() ? Exit.INTERRUPTED : code;
    }

    Path stateDir() {
        return state != null ? state : env.defaultStateDir();
    }

    View view(boolean json, String command, Option<Target> target) {
        return json ? new JsonView(out, err, command, target) : new HumanView(out, err, verbose);
    }

    Engine engine(Target target, View view) {
        return new Engine(env.workspace(stateDir()), target, view.events());
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

    /** Asks before changing anything, unless told not to or nobody can answer. */
    Approval approval(boolean yes) {
        return (plan, question) -> {
            if (yes || !env.interactive()) return true;
            out.print(question + " Only 'yes' will be accepted: ");
            out.flush();
            Scanner in = new Scanner(System.in);
            return in.hasNextLine() && in.nextLine().strip().equals("yes");
        };
    }
}
