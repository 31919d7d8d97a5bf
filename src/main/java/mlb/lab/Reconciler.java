package mlb.lab;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The part of mlb the lab drives: its command line (plan, apply, destroy), run in this process. */
public interface Reconciler {
    /** Why mlb's core cannot be driven from here, or empty when it can. */
    Optional<String> unavailable();

    int run(PrintStream out, PrintStream err, String... args);

    /** Runs a command and keeps what it printed. */
    default Outcome capture(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = run(o, e, args);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Outcome(int code, String out, String err) {
    }

    /** mlb's own CLI entry, {@code mlb.cli.Main.run(out, err, args)}. */
    static Reconciler cli() {
        return new CliReconciler();
    }
}
