package mlb.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The mlb CLI run in-process through {@link Main#run}, as the tests of every package drive it. */
public final class CliRunner {
    private final Env env;
    private final List<String> first;

    /** Runs with exactly the arguments given. */
    public CliRunner(Env env) {
        this(env, List.of());
    }

    /** Runs with `--state DIR` before the arguments given. */
    public CliRunner(Env env, Path state) {
        this(env, List.of("--state", state.toString()));
    }

    private CliRunner(Env env, List<String> first) {
        this.env = env;
        this.first = first;
    }

    /** One run: its exit code and what it printed. */
    public record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(args));
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs and expects the exit code, showing the whole output when it differs. */
    public Run expect(int code, String... args) {
        Run r = run(args);
        if (r.code != code) throw new AssertionError("mlb " + String.join(" ", args) + ": expected exit " + code + ", got " + r);
        return r;
    }
}
