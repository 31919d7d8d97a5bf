package mlb.history;

import mlb.cli.Env;
import mlb.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the mlb CLI in-process against a state directory, capturing what it prints. */
final class Cli {
    private final Path state;
    private final Env env;

    Cli(Path state, Env env) {
        this.state = state;
        this.env = env;
    }

    Cli(Path state) {
        this(state, Env.system());
    }

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--state", state.toString()));
        all.addAll(List.of(args));
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs and expects the exit code, showing the whole output when it differs. */
    Run expect(int code, String... args) {
        Run r = run(args);
        if (r.code != code) throw new AssertionError("mlb " + String.join(" ", args) + ": expected exit " + code + ", got " + r);
        return r;
    }

    /** Two links with the given weights, in the 198.18.0.0/15 lab range. */
    static String spec(int w1, int w2) {
        return """
                [balancer]
                protocol = 250

                [[link]]
                name = "isp1"
                dev = "wan1"
                gateway = "198.18.1.1"
                weight = %d

                [[link]]
                name = "isp2"
                dev = "wan2"
                gateway = "198.18.2.1"
                weight = %d
                """.formatted(w1, w2);
    }
}
