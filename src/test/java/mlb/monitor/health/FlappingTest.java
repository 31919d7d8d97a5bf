package mlb.monitor.health;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static mlb.monitor.health.Rounds.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A link flapping every second: 2 rounds answered, 2 lost, at 500 ms a round, for 30 s (60 rounds), starting UP.
 * No change can come sooner than min(down, up) rounds after the last, so at most 60 / min(down, up) changes.
 */
class FlappingTest {
    private static final List<String> TWO = List.of("192.0.2.53", "192.0.2.54");
    private static final int ROUNDS = 60;

    /** Changes during the flap of a link that was UP before it. */
    private static List<Rounds.Run.Change> flap(HealthPolicy p) {
        Rounds.Run run = new Rounds.Run(p);
        for (int i = 0; i < p.up(); i++) run.ok(ms(10));
        assertEquals(State.UP, run.health.state());
        int before = run.changes.size();
        for (int i = 0; i < ROUNDS; i++) {
            if (i % 4 < 2) run.ok(ms(10)); else run.failed();
        }
        List<Rounds.Run.Change> changes = run.changes.drop(before).toList();
        assertTrue(changes.size() <= ROUNDS / Math.min(p.down(), p.up()));
        return changes;
    }

    @Test
    void withTheDefaultsTheFlapNeverCompletesARunOfThree() {
        assertEquals(List.empty(), flap(HealthPolicy.defaults(TWO)));
    }

    @Test
    void withQualityTheFlapIsTakenOutOnceAsDegradedAndKeptOut() {
        List<Rounds.Run.Change> changes = flap(HealthPolicy.defaults(TWO).withQuality(20, Option.some(10), Option.none()));
        assertEquals(1, changes.size());
        assertEquals(20, changes.head().round() - HealthPolicy.UP, "judged on the first full window, 10 s in");
        assertEquals("isp2 degraded: loss 50 % over 20 rounds (max 10 %)", changes.head().event().line("isp2"));
    }

    @Test
    void atTheEdgeOfTheHysteresisEveryRunChangesTheState() {
        HealthPolicy p = new HealthPolicy(TWO, 1, 2, 2, 20, Option.none(), Option.none());
        List<Rounds.Run.Change> changes = flap(p);
        assertEquals(29, changes.size(), "down after each lost pair, up after each answered one but the first");
        assertEquals(List.of(State.DOWN, State.UP, State.DOWN), changes.take(3).map(c -> c.event().after()));
    }
}
