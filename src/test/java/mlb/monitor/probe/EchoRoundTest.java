package mlb.monitor.probe;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One round judged from ping lines at given times (ms after an arbitrary origin). */
class EchoRoundTest {
    static final long MS = 1_000_000;
    static final Duration TIMEOUT = Duration.ofMillis(300);

    static EchoRound round(long sentBefore) {
        return new EchoRound(1000 * MS, TIMEOUT, EchoRound.GRACE, sentBefore);
    }

    static PingLine.Reply reply(long seq, double ms) {
        return new PingLine.Reply(seq, Duration.ofNanos((long) (ms * MS)));
    }

    static Optional<Outcome> at(EchoRound r, double ms, PingLine line) {
        return r.heard(line, (long) (ms * MS));
    }

    @Test
    void aReplyToTheRoundsRequestAnswersWithItsRtt() {
        assertEquals(Optional.of(new Outcome.Answered(Duration.ofMillis(5))), at(round(3), 1006, reply(4, 5)));
    }

    @Test
    void aReplyToARequestSentBeforeTheStartIsNotTheRounds() {
        EchoRound r = round(3);
        assertEquals(Optional.empty(), at(r, 1004, reply(3, 5)), "sent at 999, a millisecond before the round");
        assertEquals(Optional.empty(), r.outcome());
    }

    @Test
    void aReplyWithinTheTimeoutOfItsSendIsAnsweredAndOneJustOverIsLost() {
        assertEquals(Optional.of(new Outcome.Answered(Duration.ofNanos(299_900_000))), at(round(0), 1300.2, reply(1, 299.9)));
        assertEquals(Optional.of(new Outcome.Answered(TIMEOUT)), at(round(0), 1300.2, reply(1, 300)));
        assertEquals(Optional.of(Outcome.timeout()), at(round(0), 1300.4, reply(1, 300.1)));
    }

    @Test
    void nothingHeardAfterTheDeadlineCounts() {
        EchoRound r = round(0);
        assertEquals(1000 * MS + TIMEOUT.toNanos() + EchoRound.GRACE.toNanos(), r.deadline());
        assertEquals(Optional.empty(), r.heard(reply(1, 0.1), r.deadline() + 1));
    }

    @Test
    void theFirstLineThatSettlesTheRoundDecides() {
        EchoRound r = round(0);
        at(r, 1001, reply(1, 0.5));
        assertEquals(Optional.of(new Outcome.Answered(Duration.ofNanos(MS / 2))), at(r, 1002, reply(1, 1.5)), "a duplicate changes nothing");
    }

    @Test
    void anIcmpErrorCountsOnlyForARequestNotKnownToHaveGoneOutBefore() {
        EchoRound r = round(4);
        assertEquals(Optional.empty(), at(r, 1001, new PingLine.Error(4, "host unreachable from 198.18.1.1")));
        assertEquals(Optional.empty(), at(r, 1001, new PingLine.NoAnswer(5)), "5 went out before this line, as 6 did");
        assertEquals(Optional.empty(), at(r, 1002, new PingLine.Error(5, "host unreachable from 198.18.1.1")));
        assertEquals(Optional.of(new Outcome.Failed("net unreachable from 198.18.1.9")),
                at(r, 1003, new PingLine.Error(6, "net unreachable from 198.18.1.9")));
    }

    @Test
    void aRestartedPingNumbersItsRequestsAnew() {
        EchoRound r = round(40);
        r.restarted();
        assertEquals(Optional.of(new Outcome.Failed("host unreachable from 198.18.1.1")),
                at(r, 1003, new PingLine.Error(1, "host unreachable from 198.18.1.1")));
    }

    @Test
    void theGraceLeavesRoomBeforeTheNextRound() {
        assertEquals(EchoRound.GRACE, EchoRound.grace(Duration.ofMillis(500), TIMEOUT));
        assertEquals(Duration.ofMillis(2), EchoRound.grace(Duration.ofMillis(500), Duration.ofMillis(492)));
        assertEquals(Duration.ZERO, EchoRound.grace(Duration.ofMillis(100), Duration.ofMillis(200)));
        assertThrows(IllegalArgumentException.class, () -> new EchoRound(0, TIMEOUT, Duration.ofMillis(11), 0));
    }

    @Test
    void notesSettleNothingAndATimeoutMustBePositive() {
        assertEquals(Optional.empty(), at(round(0), 1001, new PingLine.Note("PING 198.19.0.1 (198.19.0.1) 56(84) bytes of data.")));
        assertThrows(IllegalArgumentException.class, () -> new EchoRound(0, Duration.ZERO, EchoRound.GRACE, 0));
    }
}
