package mlb.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** `90s`, `2m`, `1h`, `1m30s`: how long an apply waits for `mlb confirm`. */
final class ConfirmTime implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+)(h|m|s)");

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    static Duration parse(String text) {
        Matcher m = PART.matcher(text);
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            end = m.end();
        }
        if (end != text.length() || text.isEmpty() || d.compareTo(Duration.ofSeconds(1)) < 0 || d.toHours() > 24) {
            throw new IllegalArgumentException("'" + text + "' is not a confirm time between 1s and 24h (write e.g. 90s, 2m, 1h)");
        }
        return d;
    }
}
