package mlb.monitor.probe;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EchoesTest {
    static final InetAddress A = address("198.19.0.1");
    static final InetAddress B = address("198.19.0.2");
    static final InetAddress ROUTER = address("198.18.1.1");
    static final Duration TIMEOUT = Duration.ofMillis(300);
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    final FakeIcmpNet net = new FakeIcmpNet();
    Echoes echoes = new Echoes(net, Duration.ofSeconds(10));

    @AfterEach
    void close() {
        echoes.close();
    }

    static InetAddress address(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static Outcome settled(CompletableFuture<Outcome> f) {
        return f.orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void aReplyAnswersWithItsRoundTripTime() {
        net.device("wan1", s -> FakeIcmpNet.reply(s, 20 * MS));
        Outcome o = settled(echoes.ask("wan1", A, TIMEOUT));
        Outcome.Answered answered = assertInstanceOf(Outcome.Answered.class, o);
        assertTrue(answered.rtt().toMillis() >= 20 && answered.rtt().compareTo(TIMEOUT) < 0, "rtt " + answered.rtt());
        assertEquals(1, net.sent.size());
        assertEquals(A, net.sent.get(0).target());
    }

    @Test
    void noReplyIsATimeoutAtTheDeadline() {
        net.device("wan1", s -> List.of());
        long start = System.nanoTime();
        assertEquals(Outcome.timeout(), settled(echoes.ask("wan1", A, TIMEOUT)));
        assertTrue(System.nanoTime() - start >= TIMEOUT.toNanos(), "settled before its deadline");
    }

    @Test
    void aReplyAfterTheTimeoutIsATimeout() {
        net.device("wan1", s -> FakeIcmpNet.reply(s, 2 * TIMEOUT.toNanos()));
        assertEquals(Outcome.timeout(), settled(echoes.ask("wan1", A, TIMEOUT)));
    }

    @Test
    void onlyTheReplyOfItsOwnRequestCounts() {
        // Replies from the wrong address, with another echo id, or to another sequence number answer nothing.
        net.device("wan1", s -> List.of(
                new FakeIcmpNet.Answer(FakeIcmpNet.ip(B, IcmpPacket.echoReply(s.id(), s.seq())), MS),
                new FakeIcmpNet.Answer(FakeIcmpNet.ip(A, IcmpPacket.echoReply(s.id() ^ 1, s.seq())), MS),
                new FakeIcmpNet.Answer(FakeIcmpNet.ip(A, IcmpPacket.echoReply(s.id(), s.seq() + 1)), MS)));
        assertEquals(Outcome.timeout(), settled(echoes.ask("wan1", A, TIMEOUT)));
    }

    @Test
    void twoTargetsOfOneDeviceAreToldApart() {
        net.device("wan1", s -> s.target().equals(A) ? FakeIcmpNet.reply(s, MS) : List.of());
        CompletableFuture<Outcome> a = echoes.ask("wan1", A, TIMEOUT);
        CompletableFuture<Outcome> b = echoes.ask("wan1", B, TIMEOUT);
        assertTrue(settled(a).answered());
        assertEquals(Outcome.timeout(), settled(b));
        assertEquals(List.of("wan1"), net.opened, "one socket per device");
    }

    @Test
    void anIcmpErrorQuotingTheRequestFailsIt() {
        net.device("wan1", s -> FakeIcmpNet.error(s, ROUTER, IcmpPacket.UNREACHABLE, 1, MS));
        assertEquals(new Outcome.Failed("Destination Host Unreachable from 198.18.1.1"), settled(echoes.ask("wan1", A, TIMEOUT)));
    }

    @Test
    void aFailedSendFailsTheProbeAndTheSocketIsOpenedAgain() {
        net.device("wan1", s -> FakeIcmpNet.reply(s, MS)).failSends("wan1", true);
        assertEquals(new Outcome.Failed("cannot send: network is unreachable"), settled(echoes.ask("wan1", A, TIMEOUT)));
        net.failSends("wan1", false);
        assertTrue(settled(echoes.ask("wan1", A, TIMEOUT)).answered());
        assertEquals(List.of("wan1", "wan1"), net.opened);
    }

    @Test
    void aDeviceThatCannotBeOpenedFailsEachProbeSayingWhy() {
        assertEquals(new Outcome.Failed("cannot bind a raw icmp socket to wan9: [19] No such device"),
                settled(echoes.ask("wan9", A, TIMEOUT)));
    }

    @Test
    void aSilentSocketIsOpenedAgain() throws InterruptedException {
        echoes = new Echoes(net, Duration.ofMillis(100));
        net.device("wan1", s -> List.of());
        settled(echoes.ask("wan1", A, Duration.ofMillis(150)));
        settled(echoes.ask("wan1", A, Duration.ofMillis(10)));
        assertEquals(List.of("wan1", "wan1"), net.opened, "opened again after 100 ms without a reply");
    }

    @Test
    void closingSettlesWhatWaitsAndRefusesWhatComes() {
        net.device("wan1", s -> List.of());
        CompletableFuture<Outcome> waiting = echoes.ask("wan1", A, Duration.ofSeconds(30));
        echoes.close();
        assertEquals(new Outcome.Failed("the prober was closed"), settled(waiting));
        assertEquals(new Outcome.Failed("the prober was closed"), settled(echoes.ask("wan1", A, TIMEOUT)));
    }

    @Test
    void aShortTimeoutAskedDuringALongWaitIsSettledOnTime() {
        // The reader waits for the first request's 5 s deadline; the second, due much sooner, must wake it.
        net.device("wan1", s -> List.of());
        CompletableFuture<Outcome> longOne = echoes.ask("wan1", A, Duration.ofSeconds(5));
        long start = System.nanoTime();
        assertEquals(Outcome.timeout(), settled(echoes.ask("wan1", B, Duration.ofMillis(50))));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "the short probe waited for the long one");
        assertTrue(!longOne.isDone());
    }
}
