package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small parsers under the rules: rates, weights, durations, "did you mean". */
class BandwidthTest {
    @Test
    void ratesAreBitsPerSecondLikeTc() {
        assertEquals(bits(100_000_000L), Bandwidth.bitsPerSecond("100mbit"));
        assertEquals(bits(1_500_000L), Bandwidth.bitsPerSecond("1.5Mbit"));
        assertEquals(bits(8_000L), Bandwidth.bitsPerSecond("1kbps"));
        assertEquals(bits(16_000_000_000L), Bandwidth.bitsPerSecond("2gbps"));
        assertEquals(notARate(), Bandwidth.bitsPerSecond("10bit"), "no plain bits: a link rate is kbit and up");
        assertEquals(notARate(), Bandwidth.bitsPerSecond("100"));
        assertEquals(notARate(), Bandwidth.bitsPerSecond("1tbit"));
        assertEquals(notARate(), Bandwidth.bitsPerSecond("mbit"));
        assertEquals(notARate(), Bandwidth.bitsPerSecond(" 100mbit"));
        assertEquals(notARate(), Bandwidth.bitsPerSecond("100mbit "));
    }

    @Test
    void unitsAreReadInAnyCaseWithOrWithoutSpaces() {
        for (String unit : List.of("kbit", "mbit", "gbit", "kbps", "mbps", "gbps")) {
            Option<BigInteger> expected = Bandwidth.bitsPerSecond("40" + unit).toOption();
            assertTrue(expected.isDefined(), unit);
            for (String written : List.of("40 " + unit, "40" + unit.toUpperCase(), "40  " + unit.toUpperCase(),
                    "40" + Character.toUpperCase(unit.charAt(0)) + unit.substring(1))) {
                assertEquals(expected, Bandwidth.bitsPerSecond(written).toOption(), written);
            }
        }
        assertEquals(bits(40_000_000L), Bandwidth.bitsPerSecond("40 mbit"));
        assertEquals(bits(300_000_000L), Bandwidth.bitsPerSecond("300Mbit"));
        assertEquals(bits(8_000_000_000L), Bandwidth.bitsPerSecond("1 GBPS"));
    }

    @Test
    void decimalsAreExactAndMustComeToWholeBits() {
        assertEquals(bits(2_500_000L), Bandwidth.bitsPerSecond("2.5mbit"));
        assertEquals(bits(1_000_000_001L), Bandwidth.bitsPerSecond("1.000000001gbit"));
        assertEquals(bits(1L), Bandwidth.bitsPerSecond("0.001kbit"));
        assertEquals(Either.left(Bandwidth.Problem.FRACTIONAL_BITS), Bandwidth.bitsPerSecond("1.0005kbit"));
        assertEquals(Either.left(Bandwidth.Problem.FRACTIONAL_BITS), Bandwidth.bitsPerSecond("0.0001kbps"));
        assertEquals("1.001kbit", Bandwidth.rounded("1.0005kbit"));
        assertEquals("0.001kbit", Bandwidth.rounded("0.0001kbit"));
        assertEquals("2.5 Mbit", Bandwidth.rounded("2.5000004 Mbit"));
    }

    @Test
    void weightsKeepTheProportionOfRates() {
        assertEquals(List.of(5, 1), Bandwidth.weights(List.of(big(100_000_000), big(20_000_000))));
        assertEquals(List.of(3, 2), Bandwidth.weights(List.of(big(600), big(400))));
        assertEquals(List.of(1, 1), Bandwidth.weights(List.of(big(7), big(7))));
        assertEquals(List.of(256, 1), Bandwidth.weights(List.of(big(1000), big(1))));
        assertEquals(List.of(256, 256, 128), Bandwidth.weights(List.of(big(1001), big(1000), big(500))));
    }

    @Test
    void durationsAreWrittenInTheirShortestSpelling() {
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("2s", Durations.format(Duration.ofSeconds(2)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("60m", Durations.format(Duration.ofHours(1)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }

    @Test
    void durationsAreWholeNumbersOfMsSOrM() {
        assertEquals(Option.some(Duration.ofMillis(500)), Durations.parse("500ms"));
        assertEquals(Option.some(Duration.ofSeconds(2)), Durations.parse("2s"));
        assertEquals(Option.some(Duration.ofMinutes(5)), Durations.parse("5m"));
        assertEquals(Option.none(), Durations.parse("1.5s"));
        assertEquals(Option.none(), Durations.parse("1h"));
        assertEquals(Option.none(), Durations.parse(" 1s"));
    }

    @Test
    void suggestionsAreWithinTwoEdits() {
        assertEquals(1, Suggest.distance("gatway", "gateway"));
        assertEquals(1, Suggest.distance("gaetway", "gateway"));
        assertEquals(Option.some("interval"), Suggest.closest("intervall", Keys.CHECK));
        assertEquals(Option.some("priority_base"), Suggest.closest("priorty_bse", Keys.BALANCER));
        assertEquals(Option.some("dev"), Suggest.closest("Dev", Keys.LINK));
        assertEquals(Option.none(), Suggest.closest("colour", Keys.LINK));
        assertEquals(Option.none(), Suggest.closest("x", Keys.CHECK));
        assertEquals(Option.some("AAAA"), Suggest.closest("aaaa", List.of("A", "AAAA", "NS", "SOA")));
    }

    private static Either<Bandwidth.Problem, BigInteger> bits(long n) {
        return Either.right(BigInteger.valueOf(n));
    }

    private static Either<Bandwidth.Problem, BigInteger> notARate() {
        return Either.left(Bandwidth.Problem.NOT_A_RATE);
    }

    private static BigInteger big(long n) {
        return BigInteger.valueOf(n);
    }
}
