package mlb.monitor.health;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static mlb.monitor.health.Rounds.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How often random loss takes a healthy link down: two targets, each losing 10 % of probes independently,
 * reliability 1, down = up = 3, a round every 500 ms, 120 rounds (60 s).
 *
 * <p>A round fails only when both probes are lost: q = 0.1 × 0.1 = 0.01. A false down needs 3 failed rounds in a
 * row; there are 120 − 3 + 1 = 118 places such a run can end, each with probability q³ = 10⁻⁶, so by the union
 * bound P(false down in 60 s) ≤ 118 × 10⁻⁶ ≈ 1.2 × 10⁻⁴ (the exact value, from the Markov chain over the current
 * run of failures, is 1.17 × 10⁻⁴): about one false down per link every 8,500 minutes (≈ 6 days). Starting UNKNOWN and
 * restarting `age` at each change does not matter: a run of three failures always follows the last change, which
 * came on a round that succeeded, so "some DOWN in 60 s" is exactly "some run of three failed rounds".
 *
 * <p>The simulation runs the real state machine. At 10 % loss a bound that small is checked as: the false downs
 * of many runs do not exceed what the bound allows, short of a one-in-a-million Poisson tail. To show that the
 * simulation measures what the analysis computes, the same is done at 40 % loss per target (q = 0.16), where false
 * downs are common and must match the exact probability within 5 standard deviations, in both directions.
 */
class FalseDownSimulationTest {
    private static final HealthPolicy TWO = HealthPolicy.defaults(List.of("192.0.2.53", "192.0.2.54"));
    private static final int ROUNDS = 120;

    @Test
    void tenPercentLossOnTwoTargetsRarelyTakesALinkDown() {
        double q = 0.1 * 0.1;
        double bound = (ROUNDS - TWO.down() + 1) * Math.pow(q, TWO.down());
        double exact = runProbability(q, TWO.down(), ROUNDS);
        assertTrue(exact <= bound, exact + " > " + bound);
        assertEquals(1.17e-4, exact, 0.01e-4);
        int runs = 100_000;
        long started = System.nanoTime();
        int falseDowns = simulate(0.1, runs, 20250101L);
        double nsPerRound = (System.nanoTime() - started) / (double) runs / ROUNDS;
        int allowed = poissonUpper(runs * bound, 1e-6);
        System.out.printf("10 %% loss: %d false downs in %d runs of 60 s (bound %.2f, exact %.2f expected, at most %d"
                + " allowed); %.0f ns per round%n", falseDowns, runs, runs * bound, runs * exact, allowed, nsPerRound);
        assertTrue(falseDowns <= allowed, falseDowns + " false downs in " + runs + " runs, at most " + allowed);
    }

    @Test
    void atFortyPercentLossTheSimulationMatchesTheAnalysis() {
        double q = 0.4 * 0.4;
        double exact = runProbability(q, TWO.down(), ROUNDS);
        int runs = 20_000;
        int falseDowns = simulate(0.4, runs, 7L);
        double expected = runs * exact;
        double sigma = Math.sqrt(runs * exact * (1 - exact));
        System.out.printf("40 %% loss: %d runs of 60 s with a false down in %d (expected %.0f ± %.0f)%n",
                falseDowns, runs, expected, sigma);
        assertTrue(Math.abs(falseDowns - expected) <= 5 * sigma, falseDowns + " vs " + expected + " ± " + sigma);
    }

    /** Runs of ROUNDS rounds from a fresh link; counts those in which the link went down at least once. */
    private static int simulate(double loss, int runs, long seed) {
        Random random = new Random(seed);
        List<TargetResult> both = results(true, true), first = results(true, false),
                second = results(false, true), none = results(false, false);
        int downs = 0;
        for (int run = 0; run < runs; run++) {
            LinkHealth h = LinkHealth.start(TWO, Rounds.T0);
            for (int i = 1; i <= ROUNDS; i++) {
                boolean a = random.nextDouble() >= loss, b = random.nextDouble() >= loss;
                Transition t = h.next(new Round(Rounds.at(i), a ? (b ? both : first) : (b ? second : none)));
                h = t.after();
                if (h.state() == State.DOWN) {
                    downs++;
                    break;
                }
            }
        }
        return downs;
    }

    private static List<TargetResult> results(boolean a, boolean b) {
        return List.of(a ? new TargetResult.Answered("192.0.2.53", ms(11)) : new TargetResult.Failed("192.0.2.53", "timeout"),
                b ? new TargetResult.Answered("192.0.2.54", ms(12)) : new TargetResult.Failed("192.0.2.54", "timeout"));
    }

    /** P(some run of `run` failures in `n` rounds that each fail with probability q), by the chain over the current run. */
    static double runProbability(double q, int run, int n) {
        double[] p = new double[run];
        p[0] = 1;
        double absorbed = 0;
        for (int i = 0; i < n; i++) {
            double[] next = new double[run];
            for (int k = 0; k < run; k++) {
                next[0] += p[k] * (1 - q);
                if (k + 1 == run) absorbed += p[k] * q; else next[k + 1] += p[k] * q;
            }
            p = next;
        }
        return absorbed;
    }

    /** The smallest x with P(X > x) < tail for X ~ Poisson(mean). */
    static int poissonUpper(double mean, double tail) {
        double pmf = Math.exp(-mean), cdf = pmf;
        int x = 0;
        while (1 - cdf >= tail) {
            x++;
            pmf *= mean / x;
            cdf += pmf;
        }
        return x;
    }

    @Test
    void theHelpersAgreeWithSmallCasesWorkedByHand() {
        assertEquals(0.125, runProbability(0.5, 3, 3), 1e-12);
        assertEquals(0.1875, runProbability(0.5, 3, 4), 1e-12);   // FFF? or ?FFF, minus FFFF: 2/16 + 2/16 − 1/16
        assertEquals(0, poissonUpper(1e-9, 1e-6));
        assertEquals(3, poissonUpper(0.1, 1e-4));                  // P(X > 2) ≈ 1.5e-4, P(X > 3) ≈ 3.8e-6
    }
}
