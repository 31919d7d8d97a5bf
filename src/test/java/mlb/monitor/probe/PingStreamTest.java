package mlb.monitor.probe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The persistent icmp probe against scripted ping output, in real time. */
class PingStreamTest {
    static final Duration INTERVAL = Duration.ofMillis(100);
    static final Duration TIMEOUT = Duration.ofMillis(80);
    static final String REPLY = "64 bytes from 198.19.0.1: icmp_seq=%d ttl=64 time=%s ms";

    final ScriptedPings pings = new ScriptedPings();

    PingStream stream(Duration interval, Duration silence) {
        return new PingStream(pace -> List.of("ping", "-i", PingStreams.seconds(pace)), "test", pings, interval, silence);
    }

    PingStream stream() {
        return stream(INTERVAL, Duration.ofSeconds(30));
    }

    static String reply(long seq, String ms) {
        return String.format(REPLY, seq, ms);
    }

    /** Asks while, afterMs after the ask began, the newest ping prints what write writes. */
    Outcome askThen(PingStream s, Duration timeout, long afterMs, Consumer<ScriptedPings.Scripted> write) {
        CompletableFuture<Outcome> asked = CompletableFuture.supplyAsync(() -> s.ask(timeout));
        sleep(afterMs);
        write.accept(pings.last());
        return asked.join();
    }

    static Outcome.Answered answered(long micros) {
        return new Outcome.Answered(Duration.ofNanos(micros * 1000));
    }

    @Test
    void theRoundsOwnReplyAnswersWithItsRttAndThePingIsHeldAfterwards() {
        PingStream s = stream();
        assertEquals(answered(43), askThen(s, TIMEOUT, 20, p -> p.line(reply(1, "0.043"))));
        assertEquals(1, pings.processes.size());
        assertTrue(pings.last().held, "nothing is sent until the next round");
    }

    @Test
    void theNextRoundReleasesTheHeldPingOnceItsPaceHasPassed() {
        PingStream s = stream();
        askThen(s, TIMEOUT, 20, p -> p.line(reply(1, "0.043")));
        sleep(INTERVAL.toMillis());
        assertEquals(answered(44), askThen(s, TIMEOUT, 20, p -> p.line(reply(2, "0.044"))));
        assertEquals(1, pings.processes.size());
        assertEquals(1, pings.last().releases);
        assertTrue(pings.last().held);
    }

    @Test
    void aRoundWithoutAReplyEndsAtItsTimeoutAndGrace() {
        PingStream s = stream();
        long start = System.nanoTime();
        assertEquals(Outcome.timeout(), s.ask(TIMEOUT));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long due = TIMEOUT.plus(EchoRound.grace(INTERVAL, TIMEOUT)).toMillis();
        assertTrue(took >= due - 1 && took < due + 30, "took " + took + " ms");
    }

    @Test
    void aLateReplyToTheLastRoundsRequestDoesNotAnswerThisOne() {
        PingStream s = stream();
        assertEquals(Outcome.timeout(), s.ask(TIMEOUT), "seq 1 is lost");
        sleep(INTERVAL.minus(TIMEOUT).toMillis());
        // Read 10 ms into this round after 100 ms: seq 1 went out 90 ms before the round began.
        assertEquals(Outcome.timeout(), askThen(s, TIMEOUT, 10, p -> p.line(reply(1, "100.0"))));
        sleep(INTERVAL.minus(TIMEOUT).toMillis());
        assertEquals(answered(45), askThen(s, TIMEOUT, 10, p -> {
            p.line(reply(2, "100.0"));
            p.line(reply(3, "0.045"));
        }));
    }

    @Test
    void aReplyAfterTheDeadlineIsNotWaitedFor() {
        PingStream s = stream();
        assertEquals(Outcome.timeout(), askThen(s, TIMEOUT, TIMEOUT.plus(EchoRound.grace(INTERVAL, TIMEOUT)).toMillis() + 15,
                p -> p.line(reply(1, "0.040"))));
    }

    @Test
    void anIcmpErrorAboutTheRoundsRequestIsItsFailureAndOneAboutAnOlderRequestIsNot() {
        PingStream s = stream();
        assertEquals(Outcome.timeout(), s.ask(TIMEOUT), "seq 1 is lost");
        sleep(INTERVAL.minus(TIMEOUT).toMillis());
        assertEquals(new Outcome.Failed("destination net unreachable from 198.18.1.9"), askThen(s, TIMEOUT, 10, p -> {
            p.line("no answer yet for icmp_seq=1");
            p.line("From 198.18.1.1 icmp_seq=1 Destination Host Unreachable");
            p.line("From 198.18.1.9 icmp_seq=2 Destination Net Unreachable");
        }));
    }

    @Test
    void aRoundBeforeThePaceHasPassedStartsThePingAgain() {
        PingStream s = stream();
        askThen(s, TIMEOUT, 20, p -> p.line(reply(1, "0.043")));
        ScriptedPings.Scripted first = pings.last();
        assertEquals(answered(41), askThen(s, TIMEOUT, 20, p -> p.line(reply(1, "0.041"))));
        assertEquals(2, pings.processes.size(), "a held ping would not send yet");
        assertTrue(first.destroyed);
    }

    @Test
    void aPingThatCannotBeHeldIsStartedAgainForEachRound() {
        pings.signals = false;
        PingStream s = stream();
        askThen(s, TIMEOUT, 20, p -> p.line(reply(1, "0.043")));
        sleep(INTERVAL.toMillis());
        assertEquals(answered(42), askThen(s, TIMEOUT, 20, p -> p.line(reply(1, "0.042"))));
        assertEquals(2, pings.processes.size());
        assertFalse(pings.last().held);
    }

    @Test
    void aLongerTimeoutGetsANewPaceAndAShorterOneKeepsIt() {
        PingStream s = stream();
        s.ask(TIMEOUT);
        sleep(INTERVAL.toMillis());
        s.ask(TIMEOUT.minusMillis(30)); // what is left of a round that started 30 ms late: the pace still fits
        sleep(INTERVAL.toMillis());
        s.ask(Duration.ofMillis(95));
        assertEquals(List.of(List.of("ping", "-i", "0.09"), List.of("ping", "-i", "0.097")), pings.argvs);
    }

    @Test
    void aRoundALittleEarlyWaitsForThePaceInsteadOfStartingThePingAgain() {
        PingStream s = stream();
        askThen(s, TIMEOUT, 5, p -> p.line(reply(1, "0.043")));
        // The pace (90 ms) passes 20 ms after this round starts, within EARLY: it waits, then releases the ping.
        sleep(70);
        assertEquals(answered(44), askThen(s, TIMEOUT, 30, p -> p.line(reply(2, "0.044"))));
        assertEquals(1, pings.processes.size(), "no new ping");
        assertEquals(1, pings.last().releases);
    }

    @Test
    void thePaceLiesHalfwayBetweenTheTimeoutAndTheInterval() {
        assertEquals(Duration.ofMillis(400), PingStream.pace(Duration.ofMillis(500), Duration.ofMillis(300)));
        assertEquals(Duration.ofMillis(175), PingStream.pace(Duration.ofMillis(200), Duration.ofMillis(150)));
        assertEquals(Duration.ofMillis(399), PingStream.pace(Duration.ofMillis(500), Duration.ofNanos(299_000_000)));
        assertEquals(Duration.ofMillis(200), PingStream.pace(Duration.ofMillis(100), Duration.ofMillis(200)));
    }

    @Test
    void anExitedPingIsReportedAndStartedAgainAfterABackoff() {
        PingStream s = stream();
        Outcome died = askThen(s, Duration.ofSeconds(2), 30, p -> {
            p.line("ping: SO_BINDTODEVICE wanX: No such device");
            p.exit(2);
        });
        assertEquals(new Outcome.Failed("ping exited 2: ping: SO_BINDTODEVICE wanX: No such device"), died);
        assertEquals(died, s.ask(TIMEOUT), "within the backoff, no new ping and the same reason");
        assertEquals(1, pings.processes.size());
        sleep(550);
        s.ask(TIMEOUT);
        assertEquals(2, pings.processes.size());
        pings.last().exit(2);
        sleep(550);
        s.ask(TIMEOUT);
        assertEquals(2, pings.processes.size(), "the second failure in a row waits 1 s");
        sleep(500);
        s.ask(TIMEOUT);
        assertEquals(3, pings.processes.size());
    }

    @Test
    void aPingThatCannotBeStartedIsAFailure() {
        pings.failWith = new IOException("Cannot run program \"ping\": error=2, No such file or directory");
        assertEquals(new Outcome.Failed("cannot run ping: cannot run program \"ping\": error=2, no such file or directory"), stream().ask(TIMEOUT));
    }

    @Test
    void aPingSilentForTooLongIsRestartedAndTheNewOneAnswers() {
        Duration silence = Duration.ofMillis(600);
        PingStream s = stream(INTERVAL, silence);
        s.ask(TIMEOUT);
        ScriptedPings.Scripted first = pings.last();
        // Each round takes at least its interval, so the first ping has been silent for 600 ms by the 6th; a loaded
        // machine only makes that sooner in rounds, never later.
        long lastRoundBegan = System.nanoTime();
        for (int seq = 1; seq <= 6 && !first.destroyed; seq++) {
            sleep(INTERVAL.minus(TIMEOUT).toMillis());
            String noAnswer = "no answer yet for icmp_seq=" + seq;
            lastRoundBegan = System.nanoTime();
            askThen(s, TIMEOUT, 5, p -> first.line(noAnswer));
        }
        assertTrue(first.destroyed, "no reply for 600 ms");
        assertEquals(2, pings.processes.size());
        sleep(INTERVAL.minus(TIMEOUT).toMillis());
        long newSilentAtMost = System.nanoTime() - lastRoundBegan;
        assertEquals(answered(42), askThen(s, TIMEOUT, 30, p -> p.line(reply(2, "0.042"))));
        // The new ping started during the last round: unless the machine stalled this test for its whole silence
        // (then a restart is right), it is still the one that answered.
        if (newSilentAtMost < silence.toNanos()) assertEquals(2, pings.processes.size());
    }

    @Test
    void linesOfAPingStoppedOnPurposeAreIgnored() {
        PingStream s = stream();
        ScriptedPings.Scripted[] first = new ScriptedPings.Scripted[1];
        // The first ping is replaced (the second round comes before its pace) while its reply is on the way.
        askThen(s, TIMEOUT, 20, p -> {
            first[0] = p;
            p.line(reply(1, "0.040"));
        });
        first[0].holdOutput();
        first[0].line(reply(2, "0.041"));
        assertEquals(answered(43), askThen(s, TIMEOUT, 20, p -> {
            first[0].releaseOutput();
            sleep(10);
            p.line(reply(1, "0.043"));
        }), "the old ping's reply, read after it was replaced, does not count");
    }

    @Test
    void interruptingAWaitEndsItAsATimeout() throws Exception {
        PingStream s = stream();
        CompletableFuture<Outcome> asked = new CompletableFuture<>();
        Thread t = new Thread(() -> asked.complete(s.ask(Duration.ofSeconds(10))));
        t.start();
        sleep(50);
        long start = System.nanoTime();
        t.interrupt();
        assertEquals(Outcome.timeout(), asked.get(1, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(200));
        assertTrue(pings.last().held, "a round cut short holds its ping too");
    }

    @Test
    void aStoppedStreamEndsItsPingAndStartsNoOther() {
        PingStream s = stream();
        s.ask(Duration.ofMillis(1));
        s.stop();
        assertTrue(pings.last().destroyed);
        assertEquals(new Outcome.Failed("the prober was closed"), s.ask(TIMEOUT));
        assertEquals(1, pings.processes.size());
    }

    @Test
    void streamsArePerDeviceTargetAndIntervalAndClosingEndsThem() throws Exception {
        InetAddress target = InetAddress.getByName("198.19.0.1");
        ProbeLink wan1 = new ProbeLink("isp1", "wan1", InetAddress.getByName("198.18.1.2"));
        ProbeLink wan2 = new ProbeLink("isp2", "wan2", InetAddress.getByName("198.18.2.2"));
        try (PingStreams streams = new PingStreams(pings, Duration.ofSeconds(30))) {
            ProbeTarget.Icmp icmp = new ProbeTarget.Icmp(target);
            streams.attempt(wan1, icmp, Duration.ofMillis(10), Duration.ofMillis(500));
            streams.attempt(wan2, icmp, Duration.ofMillis(10), Duration.ofMillis(500));
            assertEquals(2, streams.streams());
            streams.attempt(wan1, icmp, Duration.ofMillis(10), Duration.ofMillis(1000));
            assertEquals(3, streams.streams());
            assertEquals(List.of(
                    List.of("ping", "-n", "-O", "-i", "0.255", "-W", "0.5", "-I", "wan1", "198.19.0.1"),
                    List.of("ping", "-n", "-O", "-i", "0.255", "-W", "0.5", "-I", "wan2", "198.19.0.1"),
                    List.of("ping", "-n", "-O", "-i", "0.505", "-W", "1", "-I", "wan1", "198.19.0.1")), pings.argvs);
            streams.close();
            assertTrue(pings.processes.stream().allMatch(p -> p.destroyed));
            assertTrue(pings.closed, "the spawner (and its signalling shell) ends with the streams");
            assertEquals(new Outcome.Failed("the prober was closed"), streams.attempt(wan1, icmp, TIMEOUT, INTERVAL));
        }
    }

    @Test
    void secondsAreWrittenWithADot() {
        assertEquals("0.5", PingStreams.seconds(Duration.ofMillis(500)));
        assertEquals("1", PingStreams.seconds(Duration.ofSeconds(1)));
        assertEquals("0.25", PingStreams.seconds(Duration.ofMillis(250)));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
