package mlb.spec;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Link rates written like tc writes them, and the nexthop weights they imply. */
final class Bandwidth {
    /** bits per second per unit; tc's "bps" units count bytes, hence the 8. */
    private static final Map<String, Long> UNITS = HashMap.of(
            "bit", 1L, "kbit", 1_000L, "mbit", 1_000_000L, "gbit", 1_000_000_000L,
            "kbps", 8_000L, "mbps", 8_000_000L, "gbps", 8_000_000_000L);
    private static final Pattern RATE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,9})?)([a-zA-Z]+)");
    static final int MAX_WEIGHT = 256;

    private Bandwidth() {
    }

    /** Bits per second, rounded to whole bits; none if text is not a number followed by a known unit. */
    static Option<BigInteger> bitsPerSecond(String text) {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) return Option.none();
        return UNITS.get(m.group(2).toLowerCase()).map(unit -> new BigDecimal(m.group(1))
                .multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.HALF_UP).toBigInteger());
    }

    /**
     * Weights in the same proportion as the rates: divided by their gcd (100mbit and 20mbit give 5 and 1), then,
     * if the largest is still above what a nexthop group takes, scaled down so that it is 256 (at least 1 each).
     */
    static List<Integer> weights(List<BigInteger> rates) {
        BigInteger gcd = rates.fold(BigInteger.ZERO, BigInteger::gcd);
        List<BigInteger> reduced = rates.map(r -> r.divide(gcd));
        BigInteger max = reduced.max().get();
        if (max.compareTo(BigInteger.valueOf(MAX_WEIGHT)) <= 0) return reduced.map(BigInteger::intValueExact);
        BigDecimal top = new BigDecimal(max);
        return reduced.map(r -> Math.max(1, new BigDecimal(r).multiply(BigDecimal.valueOf(MAX_WEIGHT))
                .divide(top, 0, RoundingMode.HALF_UP).intValueExact()));
    }
}
