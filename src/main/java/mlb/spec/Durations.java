package mlb.spec;

import io.vavr.control.Option;
import io.vavr.control.Validation;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as a spec writes them: a whole number and ms, s or m. */
final class Durations {
    static final String SYNTAX = "write a whole number and ms, s or m, e.g. \"500ms\" or \"2s\"";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private Durations() {
    }

    static Option<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) return Option.none();
        long n = Long.parseLong(m.group(1));
        return Option.some(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        });
    }

    /** The shortest spelling parse reads back as d: "500ms", "2s", "60m" (no hours: parse has none). */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }

    /** A duration key within min..max; the hint repeats the key's example, since a range alone does not say what fits. */
    static Validation<Diagnostic, Duration> read(Node n, String example, Duration min, Duration max) {
        return Fields.string(n, example).flatMap(s -> parse(s)
                .toValidation(() -> n.problem(Code.BAD_VALUE, "not a duration: " + Problems.quote(s), SYNTAX))
                .flatMap(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0 ? Validation.valid(d)
                        : Validation.invalid(n.problem(Code.OUT_OF_RANGE, "must be " + format(min) + ".." + format(max)
                        + ", found " + Problems.quote(s), "write " + n.name() + " = " + example))));
    }

    /** As read, in whole seconds: for the kernel's timers, which count seconds. */
    static Validation<Diagnostic, Duration> seconds(Node n, String example, Duration min, Duration max) {
        return read(n, example, min, max).flatMap(d -> d.toMillis() % 1000 == 0 ? Validation.valid(d)
                : Validation.invalid(n.problem(Code.BAD_VALUE, "must be a whole number of seconds, found "
                        + Problems.quote((String) n.value()),
                "the kernel counts " + n.name() + " in seconds: write " + n.name() + " = \""
                        + Math.round(d.toMillis() / 1000.0) + "s\"")));
    }
}
