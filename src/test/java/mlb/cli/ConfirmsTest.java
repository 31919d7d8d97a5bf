package mlb.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfirmsTest {
    @Test
    void confirmTimesReadLikeAPersonWritesThem() {
        assertEquals(Duration.ofSeconds(90), Confirms.parse("90s"));
        assertEquals(Duration.ofMinutes(2), Confirms.parse("2m"));
        assertEquals(Duration.ofSeconds(90), Confirms.parse("1m30s"));
        assertEquals(Duration.ofHours(1), Confirms.parse("1h"));
        for (String bad : new String[]{"", "0s", "2", "m", "2x", "25h", "1s2"}) {
            assertThrows(IllegalArgumentException.class, () -> Confirms.parse(bad), bad);
        }
        assertEquals("2m", Confirms.human(Duration.ofMinutes(2)));
        assertEquals("90s", Confirms.human(Duration.ofSeconds(90)));
    }
}
