package mlb.monitor.health;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static mlb.monitor.health.Rounds.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EventLineTest {
    private static String line(State before, Cause cause) {
        return new Event(before, cause.leadsTo(), Rounds.T0, cause).line("isp2");
    }

    @Test
    void theFiveLines() {
        assertEquals("isp2 down: 3/3 rounds lost, last rtt 12 ms",
                line(State.UP, new Cause.RoundsLost(3, 3, Option.some(ms(12)))));
        assertEquals("isp2 up: 3/3 rounds answered, rtt 11 ms",
                line(State.DOWN, new Cause.RoundsAnswered(3, 3, ms(11))));
        assertEquals("isp2 degraded: loss 24 % over 20 rounds (max 10 %)",
                line(State.UP, new Cause.LossOver(24, 10, 20)));
        assertEquals("isp2 degraded: mean rtt 180 ms over 20 rounds (max 150 ms)",
                line(State.UP, new Cause.RttOver(ms(180), ms(150), 20)));
        assertEquals("isp2 recovered: loss 2 %, mean rtt 20 ms over 20 rounds",
                line(State.DEGRADED, new Cause.WithinLimits(2, ms(20), 20)));
    }

    @Test
    void aLinkThatNeverAnsweredSaysSo() {
        assertEquals("isp2 down: 3/3 rounds lost, last rtt no answer yet",
                line(State.UNKNOWN, new Cause.RoundsLost(3, 3, Option.none())));
    }

    @Test
    void millisecondsAreWholeFromTenUpAndTenthsBelow() {
        assertEquals("0 ms", Text.ms(ms(0)));
        assertEquals("0.4 ms", Text.ms(java.time.Duration.ofNanos(420_000)));
        assertEquals("3 ms", Text.ms(java.time.Duration.ofNanos(2_960_000)));
        assertEquals("9.9 ms", Text.ms(java.time.Duration.ofNanos(9_940_000)));
        assertEquals("10 ms", Text.ms(java.time.Duration.ofNanos(9_960_000)));
        assertEquals("13 ms", Text.ms(java.time.Duration.ofNanos(12_500_000)));
        assertEquals("12000 ms", Text.ms(java.time.Duration.ofSeconds(12)));
    }

    @Test
    void theMachineWritesTheDownLineWithTheLastAnswer() {
        Rounds.Run run = new Rounds.Run(HealthPolicy.defaults(List.of("192.0.2.53", "192.0.2.54")));
        run.ok(ms(12));
        run.failed();
        run.failed();
        assertEquals("isp2 down: 3/3 rounds lost, last rtt 12 ms", run.failed().get().line("isp2"));
    }

    @Test
    void theMachineWritesTheUpLine() {
        Rounds.Run run = new Rounds.Run(HealthPolicy.defaults(List.of("192.0.2.53")));
        run.ok(ms(30));
        run.ok(ms(20));
        assertEquals("isp2 up: 3/3 rounds answered, rtt 11 ms", run.ok(ms(11)).get().line("isp2"));
    }

    @Test
    void theMachineWritesTheLossLine() {
        HealthPolicy p = HealthPolicy.defaults(List.of("192.0.2.53"))
                .withQuality(20, Option.some(10), Option.none());
        Rounds.Run run = new Rounds.Run(p);
        for (int i = 0; i < 3; i++) run.ok(ms(20));
        for (int i = 1; i < 20; i++) {
            if (i % 4 == 0) run.failed(); else run.ok(ms(20));
        }
        assertEquals("isp2 degraded: loss 25 % over 20 rounds (max 10 %)", run.failed().get().line("isp2"));
    }

    @Test
    void theMachineWritesTheRttAndRecoveredLines() {
        HealthPolicy p = HealthPolicy.defaults(List.of("192.0.2.53"))
                .withQuality(20, Option.none(), Option.some(ms(150)));
        Rounds.Run run = new Rounds.Run(p);
        for (int i = 0; i < 3; i++) run.ok(ms(20));
        for (int i = 1; i < 20; i++) run.ok(ms(180));
        assertEquals("isp2 degraded: mean rtt 180 ms over 20 rounds (max 150 ms)", run.ok(ms(180)).get().line("isp2"));
        // 20 ms rounds replace 180 ms ones: the mean is clear (≤ 120 ms) from the 8th, up=3 later it is 100 ms.
        for (int i = 1; i < 10; i++) assertEquals(Option.none(), run.ok(ms(20)));
        assertEquals("isp2 recovered: loss 0 %, mean rtt 100 ms over 20 rounds", run.ok(ms(20)).get().line("isp2"));
    }
}
