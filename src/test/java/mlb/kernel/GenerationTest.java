package mlb.kernel;

import io.vavr.collection.HashSet;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class GenerationTest {
    @Test
    void countsOnlyWhileEveryNeededFollowerRuns() {
        Generation g = new Generation();
        assertEquals(Option.none(), g.now(HashSet.of("ip")), "nothing follows the kernel yet");
        g.following("ip", true);
        Option<Long> first = g.now(HashSet.of("ip"));
        assertEquals(first, g.now(HashSet.of("ip")), "no change, same count");
        assertEquals(Option.none(), g.now(HashSet.of("ip", "nft")), "nft is not followed");
        g.changed();
        assertNotEquals(first, g.now(HashSet.of("ip")));
    }

    @Test
    void aFollowerThatStopsAndStartsAgainIsAChange() {
        Generation g = new Generation();
        g.following("ip", true);
        Option<Long> before = g.now(HashSet.of("ip"));
        g.following("ip", false);
        assertEquals(Option.none(), g.now(HashSet.of("ip")));
        g.following("ip", true);
        assertNotEquals(before, g.now(HashSet.of("ip")), "it may have missed a change while it was down");
    }
}
