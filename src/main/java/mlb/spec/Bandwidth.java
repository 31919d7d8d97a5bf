package mlb.spec;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Link rates written like tc writes them, and the nexthop weights they imply. Units are kilo and up: a link rate
 * in plain bits per second is a typo far more often than a link. Units are read in any case, with or without
 * spaces before them; decimals are exact (2.5mbit is 2500000 bits per second) as long as they come to whole bits.
 */
final class Bandwidth {
    /** bits per second per unit; tc's "bps" units count bytes, hence the 8. */
    private static final Map<String, Long> UNITS = HashMap.of(
            "kbit", 1_000L, "mbit", 1_000_000L, "gbit", 1_000_000_000L,
            "kbps", 8_000L, "mbps", 8_000_000L, "gbps", 8_000_000_000L);
    static final String UNIT_WORDS = "kbit, mbit, gbit for bits per second, or kbps, mbps, gbps for bytes per second";
    private static final Pattern RATE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,9})?) *([a-zA-Z]+)");
    static final int MAX_WEIGHT = 256;

    private Bandwidth() {
    }

    /** Why a text is not a rate. */
    enum Problem { NOT_A_RATE, FRACTIONAL_BITS }

    /** Bits per second, exactly; a problem if text is not a number and a known unit, or not a whole number of bits. */
    static Either<Problem, BigInteger> bitsPerSecond(String text) {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) return Either.left(Problem.NOT_A_RATE);
        Option<Long> unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit.isEmpty()) return Either.left(Problem.NOT_A_RATE);
        BigDecimal bits = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit.get()));
        try {
            return Either.right(bits.toBigIntegerExact());
        } catch (ArithmeticException fractional) {
            return Either.left(Problem.FRACTIONAL_BITS);
        }
    }

    /** The nearest rate in the same unit with whole bits, as the user wrote the unit: a hint for FRACTIONAL_BITS. */
    static String rounded(String text) {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) return "100mbit";
        long unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT)).getOrElse(1L);
        int decimals = Math.max(0, String.valueOf(unit).length() - 1);
        BigDecimal number = new BigDecimal(m.group(1)).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (number.signum() == 0) number = BigDecimal.ONE.movePointLeft(decimals);
        return number.toPlainString() + text.substring(m.end(1));
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
