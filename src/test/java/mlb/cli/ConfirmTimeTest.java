package mlb.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfirmTimeTest {
    @Test
    void confirmTimesReadLikeAPersonWritesThem() {
        assertEquals(Duration.ofSeconds(90), ConfirmTime.parse("90s"));
        assertEquals(Duration.ofMinutes(2), ConfirmTime.parse("2m"));
        assertEquals(Duration.ofSeconds(90), ConfirmTime.parse("1m30s"));
        assertEquals(Duration.ofHours(1), ConfirmTime.parse("1h"));
        for (String bad : new String[]{"", "0s", "2", "m", "2x", "25h", "1s2"}) {
            assertThrows(IllegalArgumentException.class, () -> ConfirmTime.parse(bad), bad);
        }
    }
}
