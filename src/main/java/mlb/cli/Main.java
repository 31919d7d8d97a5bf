package mlb.cli;

import io.vavr.collection.List;
import mlb.kernel.KernelError;
import mlb.lab.LabCommand;
import mlb.proc.SystemRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The `mlb` command. Only main() exits; everything else returns an exit code. */
@Command(name = "mlb", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Declarative multi-link load balancer for Linux routers.",
        subcommands = {ValidateCommand.class, PlanCommand.class, ApplyCommand.class, DestroyCommand.class,
                HistoryCommand.class, ShowCommand.class, DiffCommand.class, RollbackCommand.class,
                StatusCommand.class, ConfirmCommand.class, ConfirmWatchCommand.class, LabCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    @Option(names = "--state", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Audit history repository (default: state/ of the checkout, or /var/lib/mlb).")
    Path state;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Show the kernel commands as they run.")
    boolean verbose;

    final PrintStream out;
    final PrintStream err;
    final Env env;

    Main(PrintStream out, PrintStream err, Env env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, Env.system(), args);
    }

    public static int run(PrintStream out, PrintStream err, Env env, String... args) {
        CommandLine cl = new CommandLine(new Main(out, err, env));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExitCodeExceptionMapper(e -> Exit.FAILED);
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("mlb: error: " + e.getMessage());
            err.println("  see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return Exit.USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, p) -> report(err, e));
        return cl.execute(args);
    }

    private static int report(PrintStream err, Exception e) {
        if (e instanceof CliError c) {
            err.println("mlb: error: " + c.getMessage());
            c.context.forEach(line -> err.println("  " + line));
            return c.exitCode;
        }
        if (e instanceof KernelError k) {
            err.println("mlb: error: " + k.getMessage());
            return switch (k.reason()) {
                case MISSING_TOOL -> Exit.MISSING;
                case NOT_PERMITTED -> Exit.NOT_PERMITTED;
                case FAILED -> Exit.FAILED;
            };
        }
        if (e instanceof SystemRunner.MissingProgram m) {
            err.println("mlb: error: the " + Packages.name(m.program()) + " command is missing: install " + Packages.providing(m.program()));
            return Exit.MISSING;
        }
        err.println("mlb: error: internal error: " + e);
        e.printStackTrace(err);
        return Exit.FAILED;
    }

    Path stateDir() {
        return state != null ? state : env.defaultStateDir();
    }

    static List<String> lines(Iterable<?> items) {
        return List.ofAll(items).map(Object::toString);
    }
}
