package mlb.monitor.health;

import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.util.Collections;
import java.util.Random;

import static mlb.monitor.health.Rounds.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state machine over random policies and random outcome sequences. */
class LinkHealthProperties {
    private static final List<String> NAMES = List.of("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4");

    /** Every kind of policy: 1..4 targets, small hysteresis so that changes happen, with or without maxima. */
    @Provide
    Arbitrary<HealthPolicy> policies() {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(1, 6), Arbitraries.integers().between(1, 6),
                        Arbitraries.integers().between(0, 24), Arbitraries.integers().between(0, 60).optional(),
                        Arbitraries.integers().between(20, 300).optional())
                .as((targets, reliability, down, up, extra, loss, rtt) -> new HealthPolicy(NAMES.take(targets),
                        Math.min(reliability, targets), down, up, Math.max(down, up) + extra,
                        Option.ofOptional(loss), Option.ofOptional(rtt).map(Rounds::ms)));
    }

    /** A round for any policy of up to 4 targets: which targets answered, and after how long. */
    record Outcome(long answered, int rttMs) {
    }

    /** Outcomes in runs of equal rounds, so that long runs (and so every change) are common. */
    @Provide
    Arbitrary<List<Outcome>> outcomes() {
        Arbitrary<List<Outcome>> run = Combinators.combine(Arbitraries.longs().between(0, 15),
                        Arbitraries.integers().between(1, 400), Arbitraries.integers().between(1, 12))
                .as((mask, rtt, times) -> List.fill(times, new Outcome(mask, rtt)));
        return run.list().ofMaxSize(40).map(runs -> List.ofAll(runs).flatMap(r -> r));
    }

    private static Rounds.Run play(HealthPolicy p, List<Outcome> outcomes) {
        Rounds.Run run = new Rounds.Run(p);
        outcomes.forEach(o -> run.feed(Rounds.round(p, run.rounds + 1, o.answered(), ms(o.rttMs()))));
        return run;
    }

    @Property
    void neverChangesFasterThanTheHysteresisAllows(@ForAll("policies") HealthPolicy p,
                                                   @ForAll("outcomes") List<Outcome> outcomes) {
        Rounds.Run run = play(p, outcomes);
        Vector<Boolean> ok = run.succeeded;
        int previous = 0;
        for (Rounds.Run.Change c : run.changes) {
            Event e = c.event();
            if (e.after() == State.DOWN) assertTrue(last(ok, c.round(), p.down()).forAll(b -> !b), "down too early");
            if (e.after() == State.UP) assertTrue(last(ok, c.round(), p.up()).forAll(b -> b), "up too early");
            assertTrue(c.round() - previous >= Math.min(p.down(), p.up()), "changes too close: " + run.changes);
            previous = c.round();
        }
        Statistics.collect(run.changes.size() > 2 ? "3+ changes" : run.changes.size() + " changes");
    }

    /** The outcomes of the `n` rounds up to and including round `upTo` (counted from 1). */
    private static Vector<Boolean> last(Vector<Boolean> ok, int upTo, int n) {
        assertTrue(upTo >= n, "a change at round " + upTo + " before " + n + " rounds were seen");
        return ok.slice(upTo - n, upTo);
    }

    @Property
    void qualityIsJudgedOnlyOnAFullWindowAndOnlyWithAMaximum(@ForAll("policies") HealthPolicy p,
                                                             @ForAll("outcomes") List<Outcome> outcomes) {
        Rounds.Run run = new Rounds.Run(p);
        for (Outcome o : outcomes) {
            Option<Event> e = run.feed(Rounds.round(p, run.rounds + 1, o.answered(), ms(o.rttMs())));
            if (e.exists(ev -> ev.after() == State.DEGRADED || ev.before() == State.DEGRADED && ev.after() == State.UP)) {
                assertTrue(p.judgesQuality());
                assertTrue(run.health.window().full(), "verdict from " + run.health.window());
            }
        }
    }

    enum Steady { ANSWERING, FAILING, LOSSY, SLOW }

    /**
     * Whatever came before, `max(down, up) + window` rounds of the same truth settle the state: UP for a link that
     * answers well, DOWN for one that fails every round, DEGRADED for one that answers every round but loses more
     * than maxLoss (the targets take turns failing) or answers slower than maxRtt; and it then stays there.
     */
    @Property
    void convergesToTheTruthOnceOutcomesAreSteady(@ForAll("policies") HealthPolicy policy,
                                                 @ForAll("outcomes") List<Outcome> before,
                                                 @ForAll Steady steady) {
        HealthPolicy p = fit(policy, steady);
        Rounds.Run run = play(p, before);
        int k = Math.max(p.down(), p.up()) + p.window();
        int changes = run.changes.size();
        for (int i = 0; i < k; i++) run.feed(steadyRound(p, steady, run.rounds + 1));
        State expected = switch (steady) {
            case ANSWERING -> State.UP;
            case FAILING -> State.DOWN;
            case LOSSY, SLOW -> State.DEGRADED;
        };
        assertEquals(expected, run.health.state(), () -> "after " + run.changes.drop(changes));
        int settled = run.changes.size();
        for (int i = 0; i < 2 * p.window(); i++) run.feed(steadyRound(p, steady, run.rounds + 1));
        assertEquals(settled, run.changes.size(), "changed again after settling");
        Statistics.collect(steady, run.changes.size() - changes);
    }

    /** A policy under which the steady truth is what its name says. */
    private static HealthPolicy fit(HealthPolicy p, Steady steady) {
        return switch (steady) {
            case ANSWERING, FAILING -> p;
            case LOSSY -> {
                int targets = Math.max(2, p.targets().size());
                int window = Math.max(p.window(), targets);
                // Taking turns, each target loses floor(window/targets) of any window: keep the maximum below.
                int highest = (100 * (window / targets) - 1) / window;
                yield new HealthPolicy(NAMES.take(targets), Math.min(p.reliability(), targets - 1), p.down(), p.up(),
                        window, Option.some(Math.min(p.maxLoss().getOrElse(10), highest)), p.maxRtt());
            }
            case SLOW -> p.withQuality(Math.max(p.window(), Math.max(p.down(), p.up())), p.maxLoss(),
                    Option.some(p.maxRtt().getOrElse(ms(150))));
        };
    }

    /** Good answers are 5 ms: within 4/5 of the smallest maximum the policies use (20 ms). */
    private static Round steadyRound(HealthPolicy p, Steady steady, int i) {
        return switch (steady) {
            case ANSWERING -> Rounds.ok(p, i, ms(5));
            case FAILING -> Rounds.failed(p, i);
            case LOSSY -> Rounds.round(p, i, ~(1L << (i % p.targets().size())), ms(5));
            case SLOW -> Rounds.ok(p, i, p.maxRtt().get().plusMillis(1));
        };
    }

    /**
     * Loss oscillating around maxLoss: the window's loss alternates between at most maxLoss and just above it. The
     * link is taken out once and stays out, because recovery needs the window within 80 % of the maximum: the bound
     * is one change (and none back) over 600 rounds.
     */
    @Property
    void lossJustAroundTheMaximumDegradesOnceAndStays(@ForAll @IntRange(min = 10, max = 100) int window,
                                                      @ForAll @IntRange(min = 5, max = 40) int maxLoss,
                                                      @ForAll @IntRange(min = 2, max = 5) int down,
                                                      @ForAll @IntRange(min = 1, max = 5) int up) {
        int c = maxLoss * window / 100;          // lost rounds at or under the maximum; c + 1 is over it
        Assume.that(c >= 1 && c * 125 > maxLoss * window);
        HealthPolicy p = new HealthPolicy(List.of("192.0.2.1"), 1, down, up, window, Option.some(maxLoss), Option.none());
        Rounds.Run run = new Rounds.Run(p);
        for (int i = 0; i < up; i++) run.ok(ms(5));
        // Losses spread evenly at (c + 1/2) per window: every window holds c or c + 1 of them, never two in a row.
        for (long i = 0; i < 600; i++) {
            boolean lost = (i + 1) * (2 * c + 1) / (2L * window) > i * (2 * c + 1) / (2L * window);
            if (lost) run.failed(); else run.ok(ms(5));
        }
        List<State> changes = run.changes.map(ch -> ch.event().after()).toList();
        assertEquals(List.of(State.UP, State.DEGRADED), changes);
    }

    /** The same for a mean RTT swinging between 85 % and 115 % of maxRtt, in blocks as long as the window. */
    @Property
    void rttJustAroundTheMaximumDegradesOnceAndStays(@ForAll @IntRange(min = 3, max = 100) int window,
                                                     @ForAll @IntRange(min = 20, max = 1000) int maxRttMs,
                                                     @ForAll @IntRange(min = 1, max = 3) int down,
                                                     @ForAll @IntRange(min = 1, max = 3) int up) {
        HealthPolicy p = new HealthPolicy(List.of("192.0.2.1"), 1, down, up, window, Option.none(), Option.some(ms(maxRttMs)));
        Rounds.Run run = new Rounds.Run(p);
        for (int i = 0; i < up; i++) run.ok(ms(5));
        for (int i = 0; i < 600; i++) {
            run.ok(Duration.ofMillis(maxRttMs).multipliedBy((i / window) % 2 == 0 ? 115 : 85).dividedBy(100));
        }
        assertEquals(List.of(State.UP, State.DEGRADED), run.changes.map(ch -> ch.event().after()).toList());
    }

    /**
     * Loss swinging widely around maxLoss at random (never two lost rounds in a row, so reachability stays up):
     * quality changes alternate degraded/recovered, a recovery needs `up` rounds after the degradation, a new
     * degradation `down` rounds after the recovery, so over N rounds there are at most 2 + 2·⌊(N−1)/(up+down)⌋.
     */
    @Property
    void qualityFlipsAreBoundedUnderRandomOscillation(@ForAll @IntRange(min = 5, max = 40) int window,
                                                      @ForAll @IntRange(min = 5, max = 30) int maxLoss,
                                                      @ForAll @IntRange(min = 2, max = 5) int down,
                                                      @ForAll @IntRange(min = 1, max = 5) int up,
                                                      @ForAll @IntRange(min = 2, max = 60) int period,
                                                      @ForAll long seed) {
        HealthPolicy p = new HealthPolicy(List.of("192.0.2.1"), 1, down, up, Math.max(window, Math.max(down, up)),
                Option.some(maxLoss), Option.none());
        Random random = new Random(seed);
        Rounds.Run run = new Rounds.Run(p);
        for (int i = 0; i < up; i++) run.ok(ms(5));
        int n = 1000;
        boolean lostLast = false;
        for (int i = 0; i < n; i++) {
            double rate = maxLoss / 100.0 * ((i / period) % 2 == 0 ? 0.3 : 1.8);
            lostLast = !lostLast && random.nextDouble() < rate;
            if (lostLast) run.failed(); else run.ok(ms(5));
        }
        Vector<Rounds.Run.Change> quality = run.changes.drop(1);
        assertTrue(quality.forAll(ch -> ch.event().after() == State.DEGRADED || ch.event().before() == State.DEGRADED));
        for (int i = 1; i < quality.size(); i++) {
            Rounds.Run.Change a = quality.get(i - 1), b = quality.get(i);
            assertEquals(a.event().after(), b.event().before());
            int gap = b.round() - a.round();
            assertTrue(gap >= (b.event().after() == State.UP ? up : down), "flipped after " + gap + " rounds");
        }
        assertTrue(quality.size() <= 2 + 2 * ((n - 1) / (up + down)), quality.size() + " flips");
        Statistics.collect(quality.size() == 0 ? "0" : quality.size() <= 4 ? "1-4" : quality.size() <= 20 ? "5-20" : "21+");
    }

    /** A round with exactly `reliability` answers succeeds, with one fewer it fails, whichever targets answer. */
    @Property
    void exactlyReliabilityAnswersMakeARound(@ForAll("policies") HealthPolicy p, @ForAll long shuffle) {
        int n = p.targets().size();
        java.util.List<Integer> shuffled = List.range(0, n).toJavaList();
        Collections.shuffle(shuffled, new Random(shuffle));
        List<Integer> order = List.ofAll(shuffled);
        long exactly = order.take(p.reliability()).foldLeft(0L, (m, i) -> m | 1L << i);
        long fewer = order.take(p.reliability() - 1).foldLeft(0L, (m, i) -> m | 1L << i);
        Round enough = Rounds.round(p, 1, exactly, ms(5));
        Round short1 = Rounds.round(p, 1, fewer, ms(5));
        assertTrue(p.succeeded(enough));
        assertFalse(p.succeeded(short1));
        LinkHealth start = LinkHealth.start(p, Rounds.T0);
        assertEquals(1, start.next(enough).after().okInARow());
        assertEquals(1, start.next(short1).after().failedInARow());
    }
}
