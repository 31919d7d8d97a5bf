package mlb.monitor;

import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which runs of verdicts count as one cascade: each link gone within the window of the one before, none back. */
class CascadeTest {
    private static final Duration WINDOW = Duration.ofMillis(1450);
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final SortedSet<String> ALL = TreeSet.of("isp1", "isp2", "isp3");

    private static SortedSet<String> set(String... links) {
        return TreeSet.of(links);
    }

    private static Instant at(long ms) {
        return T.plusMillis(ms);
    }

    @Test
    void eachLinkWithinTheWindowOfTheOneBeforeIsOneRunHoweverLongItLasts() {
        Cascade c = Cascade.NONE.next(ALL, set("isp2", "isp3"), ALL, at(0), WINDOW)
                .next(set("isp2", "isp3"), set("isp3"), set("isp2", "isp3"), at(1400), WINDOW);
        assertEquals(Option.some(ALL), c.restores(at(2850), WINDOW), "1450 ms after the last: still the run");
        assertEquals(Option.none(), c.restores(at(2851), WINDOW));
    }

    @Test
    void aLinkGoneLaterThanTheWindowStartsARunOfItsOwn() {
        Cascade c = Cascade.NONE.next(ALL, set("isp2", "isp3"), ALL, at(0), WINDOW)
                .next(set("isp2", "isp3"), set("isp3"), set("isp2", "isp3"), at(5000), WINDOW);
        assertEquals(Option.some(set("isp2", "isp3")), c.restores(at(5500), WINDOW));
    }

    @Test
    void aLinkComingBackEndsTheRun() {
        Cascade c = Cascade.NONE.next(ALL, set("isp2", "isp3"), ALL, at(0), WINDOW)
                .next(set("isp2", "isp3"), set("isp1", "isp2", "isp3"), set("isp2", "isp3"), at(300), WINDOW);
        assertEquals(Option.none(), c.restores(at(400), WINDOW));
        assertEquals(Option.none(), Cascade.NONE.restores(at(0), WINDOW), "no run, nothing to return to");
    }
}
