package mlb.lab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateTest {
    @Test
    void parsesTcUnits() {
        assertEquals(20_000_000L, Rate.parse("20mbit").bitsPerSecond());
        assertEquals(1_500_000L, Rate.parse("1.5mbit").bitsPerSecond());
        assertEquals(500_000L, Rate.parse(" 500kbit ").bitsPerSecond());
        assertEquals(1_000_000_000L, Rate.parse("1Gbit").bitsPerSecond());
    }

    @Test
    void printsTheLargestExactUnit() {
        assertEquals("20mbit", Rate.parse("20mbit").tc());
        assertEquals("1500kbit", Rate.parse("1.5mbit").tc());
        assertEquals("1gbit", Rate.parse("1000mbit").tc());
    }

    @Test
    void rejectsWhatTcWouldNotTake() {
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("20 MB/s"));
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("fast"));
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("10bit"));
    }
}
