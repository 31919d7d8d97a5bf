package mlb.monitor.health;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static mlb.monitor.health.Rounds.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkHealthTest {
    private static final List<String> TWO = List.of("192.0.2.53", "192.0.2.54");
    private static final HealthPolicy QUALITY = HealthPolicy.defaults(TWO).withQuality(20, Option.some(10), Option.some(ms(150)));

    @Test
    void aLinkStartsUnknownAndCountsAsLive() {
        LinkHealth h = LinkHealth.start(HealthPolicy.defaults(TWO), Rounds.T0);
        assertEquals(State.UNKNOWN, h.state());
        assertTrue(h.live());
        assertEquals(new Why.Started(), h.reason());
        assertEquals(Option.none(), h.lossPercent());
        assertEquals(Option.none(), h.lastRtt());
    }

    @Test
    void theFirstVerdictIsAnEventFromUnknown() {
        Rounds.Run run = new Rounds.Run(HealthPolicy.defaults(TWO));
        assertEquals(Option.none(), run.ok(ms(10)));
        assertEquals(Option.none(), run.ok(ms(10)));
        Event up = run.ok(ms(10)).get();
        assertEquals(State.UNKNOWN, up.before());
        assertEquals(State.UP, up.after());
        assertEquals(Rounds.at(3), up.at());
        assertEquals(Rounds.at(3), run.health.since());
    }

    @Test
    void downNeedsDownRoundsInARowAndUpNeedsUp() {
        Rounds.Run run = new Rounds.Run(HealthPolicy.defaults(TWO));
        for (int i = 0; i < 3; i++) run.ok(ms(10));
        run.failed();
        run.failed();
        run.ok(ms(10));
        run.failed();
        run.failed();
        assertEquals(State.UP, run.health.state());
        Event down = run.failed().get();
        assertEquals(new Cause.RoundsLost(3, 3, Option.some(ms(10))), down.cause());
        run.ok(ms(10));
        run.ok(ms(10));
        run.failed();
        run.ok(ms(10));
        run.ok(ms(10));
        assertEquals(State.DOWN, run.health.state());
        assertEquals(new Cause.RoundsAnswered(3, 3, ms(9)), run.ok(ms(9)).get().cause());
    }

    @Test
    void oneAnsweringTargetCarriesTheRoundAtReliabilityOne() {
        Rounds.Run run = new Rounds.Run(HealthPolicy.defaults(TWO));
        for (int i = 0; i < 10; i++) run.answered(0b01, ms(10));
        assertEquals(State.UP, run.health.state());
        assertEquals(10, run.health.okInARow());
    }

    @Test
    void qualityIsNotJudgedBeforeTheWindowIsFull() {
        Rounds.Run run = new Rounds.Run(QUALITY);
        for (int i = 0; i < 3; i++) run.ok(ms(10));
        for (int i = 1; i < 20; i++) assertEquals(Option.none(), run.ok(ms(900)));
        assertEquals(19, run.health.window().rounds());
        assertEquals(State.DEGRADED, run.ok(ms(900)).get().after());
    }

    @Test
    void theWindowRestartsWhenALinkComesUpSoItsOutageIsNotLoss() {
        Rounds.Run run = new Rounds.Run(QUALITY);
        for (int i = 0; i < 3; i++) run.ok(ms(10));
        for (int i = 0; i < 3; i++) run.failed();
        assertEquals(State.DOWN, run.health.state());
        for (int i = 0; i < 3; i++) run.ok(ms(10));
        assertEquals(State.UP, run.health.state());
        assertEquals(0, run.health.window().rounds());
        for (int i = 0; i < 40; i++) assertEquals(Option.none(), run.ok(ms(10)));
        assertEquals(Option.some(0), run.health.lossPercent());
    }

    @Test
    void aDeadTargetDoesNotDegradeTheLinkAtReliabilityOne() {
        Rounds.Run run = new Rounds.Run(QUALITY);
        for (int i = 0; i < 100; i++) run.answered(0b10, ms(10));
        assertEquals(State.UP, run.health.state());
        assertEquals(Option.some(0), run.health.lossPercent());
    }

    @Test
    void atFullReliabilityTheWorstTargetIsTheLoss() {
        HealthPolicy all = new HealthPolicy(TWO, 2, 3, 3, 20, Option.some(10), Option.none());
        Rounds.Run run = new Rounds.Run(all);
        for (int i = 0; i < 3; i++) run.ok(ms(10));
        for (int i = 0; i < 20; i++) run.answered(i % 5 == 0 ? 0b01 : 0b11, ms(10));
        assertEquals(Option.some(20), run.health.lossPercent());
        assertEquals(State.DEGRADED, run.health.state());
    }

    @Test
    void lossIsRoundedUpSoABreachNeverReadsAsTheMaximum() {
        HealthPolicy p = HealthPolicy.defaults(List.of("192.0.2.53")).withQuality(30, Option.some(10), Option.none());
        Rounds.Run exactly = new Rounds.Run(p);
        for (int i = 0; i < 3; i++) exactly.ok(ms(10));
        for (int i = 0; i < 30; i++) if (i % 10 == 5) exactly.failed(); else exactly.ok(ms(10));
        assertEquals(Option.some(10), exactly.health.lossPercent());
        assertEquals(State.UP, exactly.health.state());
        Rounds.Run over = new Rounds.Run(p);
        for (int i = 0; i < 3; i++) over.ok(ms(10));
        for (int i = 0; i < 29; i++) if (i % 7 == 3) over.failed(); else over.ok(ms(10));
        assertEquals("isp2 degraded: loss 14 % over 30 rounds (max 10 %)", over.ok(ms(10)).get().line("isp2"));
    }

    @Test
    void degradedLinksStillGoDownAndComeBackUp() {
        Rounds.Run run = new Rounds.Run(QUALITY);
        for (int i = 0; i < 23; i++) run.ok(ms(400));
        assertEquals(State.DEGRADED, run.health.state());
        for (int i = 0; i < 3; i++) run.failed();
        assertEquals(State.DOWN, run.health.state());
        for (int i = 0; i < 3; i++) run.ok(ms(10));
        assertEquals(State.UP, run.health.state());
        assertEquals(List.of(State.UP, State.DEGRADED, State.DOWN, State.UP), run.changes.map(c -> c.event().after()).toList());
    }

    @Test
    void theLastRttSurvivesTheRestartOfTheWindow() {
        Rounds.Run run = new Rounds.Run(QUALITY);
        for (int i = 0; i < 3; i++) run.failed();
        assertEquals(new Cause.RoundsLost(3, 3, Option.none()), run.health.reason());
        for (int i = 0; i < 3; i++) run.ok(ms(14));
        assertEquals(Option.some(ms(14)), run.health.lastRtt());
        assertEquals(Option.none(), run.health.meanRtt());
    }

    @Test
    void roundsMustNameExactlyThePolicysTargets() {
        LinkHealth h = LinkHealth.start(HealthPolicy.defaults(TWO), Rounds.T0);
        Duration d = ms(1);
        assertThrows(IllegalArgumentException.class, () -> h.next(new Round(Rounds.T0,
                List.of(new TargetResult.Answered("192.0.2.53", d)))));
        assertThrows(IllegalArgumentException.class, () -> h.next(new Round(Rounds.T0,
                List.of(new TargetResult.Answered("192.0.2.53", d), new TargetResult.Answered("192.0.2.99", d)))));
        assertThrows(IllegalArgumentException.class, () -> new Round(Rounds.T0,
                List.of(new TargetResult.Answered("192.0.2.53", d), new TargetResult.Failed("192.0.2.53", "timeout"))));
        assertThrows(IllegalArgumentException.class, () -> h.next(Rounds.ok(h.policy(), -1, d)));
        assertEquals(1, h.next(new Round(Rounds.T0, List.of(new TargetResult.Failed("192.0.2.54", "refused"),
                new TargetResult.Answered("192.0.2.53", d)))).after().okInARow(), "any order will do");
    }

    @Test
    void policiesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(TWO, 3, 3, 3, 20, Option.none(), Option.none()));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(TWO, 0, 3, 3, 20, Option.none(), Option.none()));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(TWO, 1, 0, 3, 20, Option.none(), Option.none()));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(TWO, 1, 3, 101, 101, Option.none(), Option.none()));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(List.empty(), 1, 3, 3, 20, Option.none(), Option.none()));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(List.of("a", "a"), 1, 3, 3, 20, Option.none(), Option.none()));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(TWO, 1, 3, 5, 4, Option.some(10), Option.none()));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(TWO, 1, 3, 3, 1001, Option.none(), Option.none()));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(TWO, 1, 3, 3, 20, Option.some(100), Option.none()));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(TWO, 1, 3, 3, 20, Option.none(), Option.some(Duration.ZERO)));
        assertThrows(IllegalArgumentException.class, () -> new TargetResult.Answered("a", Duration.ofMillis(-1)));
        assertFalse(new HealthPolicy(TWO, 1, 3, 5, 4, Option.none(), Option.none()).judgesQuality());
    }
}
