package mlb.monitor.probe;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rounds with probes that answer, hang, throw or queue. */
class ProberTest {
    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration TIMEOUT = Duration.ofMillis(300);
    static final ProbeLink ISP1 = link("isp1", "wan1", "198.18.1.2");
    static final ProbeLink ISP2 = link("isp2", "wan2", "198.18.2.2");
    static final ProbeTarget A = tcp("198.19.0.1");
    static final ProbeTarget B = tcp("198.19.0.2");
    static final ProbeTarget C = tcp("198.19.0.3");

    Prober prober;

    @AfterEach
    void close() {
        if (prober != null) prober.close();
    }

    /** A probe that behaves by target: answers, sleeps past any timeout, throws, or answers after a delay. */
    static Probe byTarget(Duration delayForB, boolean hangOnC, boolean throwOnC) {
        return (link, target, timeout) -> {
            if (target.equals(B)) sleep(delayForB.toMillis());
            if (target.equals(C) && hangOnC) sleep(60_000);
            if (target.equals(C) && throwOnC) throw new IllegalStateException("boom");
            return FakeProbe.ANSWERED;
        };
    }

    Round run(ProbeLink link, List<ProbeTarget> targets) {
        return prober.start(link, targets, TIMEOUT).orElseThrow().join();
    }

    @Test
    void aRoundHoldsEveryOutcomeInTheOrderGivenAndWhenItStarted() {
        prober = new Prober(new FakeProbe().target("isp1", B, new Outcome.Failed("http 503")), 4, CLOCK);
        Round r = run(ISP1, List.of(A, B));
        assertEquals(new Round(ISP1, NOW, List.of(new Round.Probed(A, FakeProbe.ANSWERED), new Round.Probed(B, new Outcome.Failed("http 503")))), r);
        assertEquals(1, r.answered());
    }

    @Test
    void targetsAreProbedInParallel() {
        prober = new Prober(byTarget(Duration.ofMillis(200), false, false), 4, CLOCK);
        long start = System.nanoTime();
        Round r = prober.start(ISP1, List.of(B, B, B), Duration.ofSeconds(2)).orElseThrow().join();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(3, r.answered());
        assertTrue(ms < 500, "three 200 ms probes took " + ms + " ms");
    }

    @Test
    void aHangingProbeIsCutAtTheTimeoutAndOnlyItsTargetFails() {
        prober = new Prober(byTarget(Duration.ZERO, true, false), 4, CLOCK);
        long start = System.nanoTime();
        Round r = run(ISP1, List.of(A, C));
        long late = (System.nanoTime() - start) / 1_000_000 - TIMEOUT.toMillis();
        assertEquals(List.of(FakeProbe.ANSWERED, Outcome.timeout()), outcomes(r));
        assertTrue(late >= 0 && late < Prober.MARGIN.toMillis() + 50, "returned " + late + " ms after the timeout");
        System.out.println("round with a hanging probe returned " + late + " ms after its timeout");
    }

    @Test
    void aThrowingProbeIsAFailureOfItsTargetOnly() {
        prober = new Prober(byTarget(Duration.ZERO, false, true), 4, CLOCK);
        assertEquals(List.of(FakeProbe.ANSWERED, new Outcome.Failed("probe error: boom")), outcomes(run(ISP1, List.of(A, C))));
    }

    @Test
    void aProbeQueuedForAThreadGetsOnlyWhatIsLeftOfTheRound() {
        // One thread: B holds it for 200 ms, then C may use only the 100 ms left of a 300 ms round.
        CompletableFuture<Duration> givenToC = new CompletableFuture<>();
        prober = new Prober((link, target, timeout) -> {
            if (target.equals(B)) sleep(200);
            if (target.equals(C)) givenToC.complete(timeout);
            return FakeProbe.ANSWERED;
        }, 1, CLOCK);
        run(ISP1, List.of(B, C));
        assertTrue(givenToC.join().toMillis() <= 100, "C was given " + givenToC.join());
    }

    @Test
    void aLinkHasOneRoundOutstandingAndOtherLinksAreNotHeldUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        prober = new Prober((link, target, timeout) -> {
            if (link.equals(ISP1)) await(release);
            return FakeProbe.ANSWERED;
        }, 4, CLOCK);
        CompletableFuture<Round> first = prober.start(ISP1, List.of(A), Duration.ofSeconds(5)).orElseThrow();
        assertEquals(Optional.empty(), prober.start(ISP1, List.of(A), Duration.ofSeconds(5)));
        assertEquals(1, prober.start(ISP2, List.of(A), TIMEOUT).orElseThrow().get(1, TimeUnit.SECONDS).answered());
        release.countDown();
        first.get(1, TimeUnit.SECONDS);
        assertTrue(prober.start(ISP1, List.of(A), TIMEOUT).isPresent());
    }

    @Test
    void aLinkWithoutTargetsHasAnEmptyRound() {
        prober = new Prober(new FakeProbe(), 1, CLOCK);
        assertEquals(List.of(), run(ISP1, List.of()).results());
    }

    @Test
    void aClosedProberFailsEveryTarget() {
        prober = new Prober(new FakeProbe(), 1, CLOCK);
        prober.close();
        Round r = run(ISP1, List.of(A, B));
        assertEquals(List.of(new Outcome.Failed("the prober was closed"), new Outcome.Failed("the prober was closed")), outcomes(r));
        assertFalse(r.answered() > 0);
    }

    static List<Outcome> outcomes(Round r) {
        return r.results().stream().map(Round.Probed::outcome).toList();
    }

    static ProbeLink link(String name, String dev, String source) {
        return new ProbeLink(name, dev, ProbesTest.address(source));
    }

    static ProbeTarget tcp(String address) {
        return new ProbeTarget.Tcp(ProbesTest.address(address), 443);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
