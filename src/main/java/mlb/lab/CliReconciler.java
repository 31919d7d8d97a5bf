package mlb.lab;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Calls {@code mlb.cli.Main.run(PrintStream, PrintStream, String...)}. Looked up by name, so mlb.lab does not
 * depend on mlb.cli at compile time (the CLI registers the lab as a subcommand, and the lab calls the CLI back),
 * and a build without the reconciler still runs the lab's own commands and says what is missing.
 */
final class CliReconciler implements Reconciler {
    private static final String MAIN = "mlb.cli.Main";

    @Override
    public Optional<String> unavailable() {
        try {
            entry();
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            return Optional.of("this build has no " + MAIN + ".run(out, err, args): mlb's reconciler is not in it");
        }
    }

    @Override
    public int run(PrintStream out, PrintStream err, String... args) {
        try {
            return (int) entry().invoke(null, out, err, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new LabException(LabException.UNAVAILABLE, unavailable().orElse(e.toString()), e);
        }
    }

    private static Method entry() throws ReflectiveOperationException {
        return Class.forName(MAIN).getMethod("run", PrintStream.class, PrintStream.class, String[].class);
    }
}
