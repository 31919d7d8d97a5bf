package mlb.monitor.probe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The persistent icmp probe against scripted ping output. */
class PingStreamTest {
    static final Duration INTERVAL = Duration.ofMillis(100);
    static final Duration TIMEOUT = Duration.ofMillis(80);
    static final String REPLY = "64 bytes from 198.19.0.1: icmp_seq=%d ttl=64 time=%s ms";

    final ScriptedPings pings = new ScriptedPings();

    PingStream stream(Duration silence) {
        return new PingStream(List.of("ping"), "test", pings, INTERVAL, silence);
    }

    PingStream stream() {
        return stream(Duration.ofSeconds(30));
    }

    /** Asks (with a 2 s timeout) while line is written a moment later, as a ping would print it. */
    static Outcome askWhile(PingStream s, Runnable line) {
        return askWhile(s, Duration.ofSeconds(2), line);
    }

    static Outcome askWhile(PingStream s, Duration timeout, Runnable line) {
        CompletableFuture<Outcome> asked = CompletableFuture.supplyAsync(() -> s.ask(timeout));
        sleep(30);
        line.run();
        return asked.join();
    }

    @Test
    void aReplyIsAnsweredWithItsRtt() {
        PingStream s = stream();
        assertEquals(Outcome.timeout(), s.ask(TIMEOUT));
        assertEquals(1, pings.processes.size());
        assertEquals(new Outcome.Answered(Duration.ofNanos(43_000)), askWhile(s, () -> pings.last().line(String.format(REPLY, 1, "0.043"))));
    }

    @Test
    void aFreshFateIsReturnedAtOnceAndAStaleOneNot() {
        PingStream s = stream();
        s.ask(Duration.ofMillis(1));
        Outcome first = askWhile(s, () -> pings.last().line(String.format(REPLY, 1, "0.050")));
        long start = System.nanoTime();
        assertEquals(first, s.ask(TIMEOUT));
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(40), "a fresh fate needs no wait");
        sleep(INTERVAL.toMillis() * 2);
        assertEquals(Outcome.timeout(), s.ask(TIMEOUT), "older than 1.5 intervals, and nothing new came");
    }

    @Test
    void aReplyAfterTheTimeoutIsATimeout() {
        PingStream s = stream();
        s.ask(Duration.ofMillis(1));
        assertEquals(Outcome.timeout(), askWhile(s, TIMEOUT, () -> pings.last().line(String.format(REPLY, 1, "90.5"))));
    }

    @Test
    void noAnswerIsATimeoutAndItsLateReplyIsIgnored() {
        PingStream s = stream();
        s.ask(Duration.ofMillis(1));
        assertEquals(Outcome.timeout(), askWhile(s, () -> {
            pings.last().line("no answer yet for icmp_seq=1");
            pings.last().line(String.format(REPLY, 1, "0.040"));
        }));
        sleep(20);
        assertEquals(Outcome.timeout(), s.ask(TIMEOUT), "seq 1 was settled as unanswered");
        sleep(INTERVAL.toMillis() * 2);
        assertEquals(new Outcome.Answered(Duration.ofNanos(41_000)), askWhile(s, () -> pings.last().line(String.format(REPLY, 2, "0.041"))));
    }

    @Test
    void anIcmpErrorIsTheFailure() {
        PingStream s = stream();
        s.ask(Duration.ofMillis(1));
        assertEquals(new Outcome.Failed("destination host unreachable from 198.18.1.1"),
                askWhile(s, () -> pings.last().line("From 198.18.1.1 icmp_seq=1 Destination Host Unreachable")));
    }

    @Test
    void anExitedPingIsReportedAndStartedAgainAfterABackoff() {
        PingStream s = stream();
        Outcome died = askWhile(s, () -> {
            pings.last().line("ping: SO_BINDTODEVICE wanX: No such device");
            pings.last().exit(2);
        });
        assertEquals(new Outcome.Failed("ping exited 2: ping: SO_BINDTODEVICE wanX: No such device"), died);
        assertEquals(died, s.ask(TIMEOUT), "within the backoff, no new ping and the same reason");
        assertEquals(1, pings.processes.size());
        sleep(550);
        s.ask(Duration.ofMillis(1));
        assertEquals(2, pings.processes.size());
        pings.last().exit(2);
        sleep(550);
        s.ask(Duration.ofMillis(1));
        assertEquals(2, pings.processes.size(), "the second failure in a row waits 1 s");
        sleep(500);
        s.ask(Duration.ofMillis(1));
        assertEquals(3, pings.processes.size());
    }

    @Test
    void aPingThatCannotBeStartedIsAFailure() {
        pings.failWith = new IOException("Cannot run program \"ping\": error=2, No such file or directory");
        assertEquals(new Outcome.Failed("cannot run ping: cannot run program \"ping\": error=2, no such file or directory"), stream().ask(TIMEOUT));
    }

    @Test
    void aPingSilentForTooLongIsRestartedAndTheOldOnesLinesIgnored() {
        PingStream s = stream(Duration.ofMillis(300));
        s.ask(Duration.ofMillis(1));
        ScriptedPings.Scripted first = pings.last();
        for (int seq = 1; seq <= 3; seq++) {
            first.line("no answer yet for icmp_seq=" + seq);
            sleep(110);
            s.ask(Duration.ofMillis(1));
        }
        assertTrue(first.destroyed);
        assertEquals(2, pings.processes.size());
        sleep(INTERVAL.toMillis() * 2);
        assertEquals(Outcome.timeout(), askWhile(s, Duration.ofMillis(80), () -> first.line(String.format(REPLY, 9, "0.040"))),
                "the old ping's reply does not count");
        assertEquals(new Outcome.Answered(Duration.ofNanos(42_000)), askWhile(s, () -> pings.last().line(String.format(REPLY, 1, "0.042"))));
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
    void streamsArePerDeviceTargetAndInterval() throws Exception {
        InetAddress target = InetAddress.getByName("198.19.0.1");
        ProbeLink wan1 = new ProbeLink("isp1", "wan1", InetAddress.getByName("198.18.1.2"));
        ProbeLink wan2 = new ProbeLink("isp2", "wan2", InetAddress.getByName("198.18.2.2"));
        try (PingStreams streams = new PingStreams(pings, Duration.ofSeconds(30))) {
            ProbeTarget.Icmp icmp = new ProbeTarget.Icmp(target);
            streams.attempt(wan1, icmp, Duration.ofMillis(1), Duration.ofMillis(500));
            streams.attempt(wan1, icmp, Duration.ofMillis(1), Duration.ofMillis(500));
            streams.attempt(wan2, icmp, Duration.ofMillis(1), Duration.ofMillis(500));
            assertEquals(2, streams.streams());
            assertEquals(List.of(
                    List.of("ping", "-n", "-O", "-i", "0.5", "-W", "0.5", "-I", "wan1", "198.19.0.1"),
                    List.of("ping", "-n", "-O", "-i", "0.5", "-W", "0.5", "-I", "wan2", "198.19.0.1")), pings.argvs);
            streams.close();
            assertTrue(pings.processes.stream().allMatch(p -> p.destroyed));
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
