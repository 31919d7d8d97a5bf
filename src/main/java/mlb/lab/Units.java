package mlb.lab;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes ("2MB", "500kB", "1000") and durations ("100ms", "5s") as the lab's options write them. */
final class Units {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb)?");
    private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");

    private Units() {
    }

    /** Decimal units (1MB = 10^6 bytes), to match rates in Mbit/s. */
    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("not a size: '" + text + "' (write e.g. 2MB, 500kB)");
        long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> 1L;
        };
        return Math.round(Double.parseDouble(m.group(1)) * unit);
    }

    static Duration duration(String text) {
        Matcher m = TIME.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("not a duration: '" + text + "' (write e.g. 100ms, 5s)");
        double n = Double.parseDouble(m.group(1));
        long ms = Math.round(switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            default -> n * 60_000;
        });
        return Duration.ofMillis(ms);
    }

    static String size(long bytes) {
        if (bytes % 1_000_000 == 0) return bytes / 1_000_000 + " MB";
        if (bytes >= 1_000_000) return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        if (bytes % 1_000 == 0) return bytes / 1_000 + " kB";
        return bytes + " B";
    }

    /** picocli converter for duration options. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }

    /** picocli converter for size options. */
    static final class SizeConverter implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return bytes(value);
        }
    }

    /** picocli converter for rate options. */
    static final class RateConverter implements picocli.CommandLine.ITypeConverter<Rate> {
        @Override
        public Rate convert(String value) {
            return Rate.parse(value);
        }
    }
}
