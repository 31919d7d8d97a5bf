package mlb.lab;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A link rate in bits per second, written the way tc writes it ("20mbit", "500kbit", "1gbit"). */
public record Rate(long bitsPerSecond) {
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(bit|kbit|mbit|gbit)");

    public Rate {
        if (bitsPerSecond < 8_000) throw new IllegalArgumentException("rate below 8kbit: " + bitsPerSecond);
    }

    public static Rate parse(String text) {
        Matcher m = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a rate: '" + text + "' (write e.g. 20mbit, 500kbit, 1gbit)");
        }
        double n = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
            case "kbit" -> 1_000L;
            case "mbit" -> 1_000_000L;
            case "gbit" -> 1_000_000_000L;
            default -> 1L;
        };
        return new Rate(Math.round(n * unit));
    }

    public static Rate mbit(long n) {
        return new Rate(n * 1_000_000L);
    }

    public long bytesPerSecond() {
        return bitsPerSecond / 8;
    }

    public double mbit() {
        return bitsPerSecond / 1e6;
    }

    /** tc syntax, exact: the largest unit that divides the rate. */
    public String tc() {
        if (bitsPerSecond % 1_000_000_000L == 0) return bitsPerSecond / 1_000_000_000L + "gbit";
        if (bitsPerSecond % 1_000_000L == 0) return bitsPerSecond / 1_000_000L + "mbit";
        if (bitsPerSecond % 1_000L == 0) return bitsPerSecond / 1_000L + "kbit";
        return bitsPerSecond + "bit";
    }

    @Override
    public String toString() {
        return tc();
    }
}
