package mlb.spec;

import io.vavr.control.Option;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Probe intervals: a whole number and ms, s or m. */
final class Durations {
    static final Duration MIN = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofHours(1);
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
}
