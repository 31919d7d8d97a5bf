package mlb.lab;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UnitsTest {
    @Test
    void sizesAreDecimal() {
        assertEquals(2_000_000, Units.bytes("2MB"));
        assertEquals(500_000, Units.bytes("500kB"));
        assertEquals(1234, Units.bytes("1234"));
        assertEquals("2 MB", Units.size(2_000_000));
        assertThrows(IllegalArgumentException.class, () -> Units.bytes("2 MiB"));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(100), Units.duration("100ms"));
        assertEquals(Duration.ofMillis(1500), Units.duration("1.5s"));
        assertEquals(Duration.ofMinutes(2), Units.duration("2m"));
        assertThrows(IllegalArgumentException.class, () -> Units.duration("5"));
    }
}
