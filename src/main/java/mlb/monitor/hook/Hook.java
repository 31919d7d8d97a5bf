package mlb.monitor.hook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** A program the monitor runs on an event: argv (an absolute program, no shell) and how long it may take. */
public record Hook(Path program, List<String> args, Duration timeout) {
    public Hook {
        Objects.requireNonNull(program, "program");
        if (!program.isAbsolute()) throw new IllegalArgumentException("a hook's program is an absolute path: " + program);
        args = List.copyOf(args);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a hook's timeout must be > 0: " + timeout);
        }
    }

    List<String> argv() {
        List<String> argv = new java.util.ArrayList<>(List.of(program.toString()));
        argv.addAll(args);
        return argv;
    }
}
