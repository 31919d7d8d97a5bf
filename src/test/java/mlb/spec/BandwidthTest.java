package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The small parsers under the rules: rates, weights, durations, "did you mean". */
class BandwidthTest {
    @Test
    void ratesAreBitsPerSecondLikeTc() {
        assertEquals(bits(100_000_000L), Bandwidth.bitsPerSecond("100mbit"));
        assertEquals(bits(1_500_000L), Bandwidth.bitsPerSecond("1.5Mbit"));
        assertEquals(bits(8_000L), Bandwidth.bitsPerSecond("1kbps"));
        assertEquals(bits(16_000_000_000L), Bandwidth.bitsPerSecond("2gbps"));
        assertEquals(bits(10L), Bandwidth.bitsPerSecond("10bit"));
        assertEquals(Option.none(), Bandwidth.bitsPerSecond("100"));
        assertEquals(Option.none(), Bandwidth.bitsPerSecond("100 mbit"));
        assertEquals(Option.none(), Bandwidth.bitsPerSecond("1tbit"));
        assertEquals(Option.none(), Bandwidth.bitsPerSecond("mbit"));
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
    }

    private static Option<BigInteger> bits(long n) {
        return Option.some(BigInteger.valueOf(n));
    }

    private static BigInteger big(long n) {
        return BigInteger.valueOf(n);
    }
}
