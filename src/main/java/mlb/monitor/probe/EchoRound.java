package mlb.monitor.probe;

import java.time.Duration;
import java.util.Optional;

/**
 * One round of one persistent ping, judged from the lines the ping prints while it lasts: the fate of an echo
 * request sent at or after the round started, never of an older one. Answered when its reply came within timeout
 * of its send, lost when its reply came later or none came by {@link #deadline()}; an ICMP error about it is its
 * failure. Times are System.nanoTime values.
 * <p>
 * A reply says when its request went out: it was read at `at` and took rtt, so it was sent at or before at - rtt
 * (the reader only ever sees a line late, never early); a request dated before the start is an older one, whose
 * answer says nothing about the path now. An ICMP error carries no time, only a sequence number: it counts when
 * its number is above every request known to have gone out before the start ("no answer yet for N", printed as
 * the ping sends N + 1, says N went out before that line).
 */
final class EchoRound {
    /**
     * How long after start + timeout a round still waits, at most: the request leaves a moment after the start
     * (the ping is woken by a signal, or just started: under a millisecond, 6 ms at worst as measured), and its
     * line is read a moment after the reply came. Well within {@link Prober#MARGIN}.
     */
    static final Duration GRACE = Duration.ofMillis(10);

    private final long start;
    private final long timeout;
    private final long grace;
    private long sentBefore;
    private Outcome outcome;

    /** sentBefore: the highest sequence number known to have gone out before start (0: none, a fresh ping). */
    EchoRound(long start, Duration timeout, Duration grace, long sentBefore) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("a timeout must be > 0: " + timeout);
        if (grace.isNegative() || grace.compareTo(GRACE) > 0) throw new IllegalArgumentException("a grace of 0 to " + GRACE + ": " + grace);
        if (sentBefore < 0) throw new IllegalArgumentException("sequence numbers start at 1: " + sentBefore);
        this.start = start;
        this.timeout = timeout.toNanos();
        this.grace = grace.toNanos();
        this.sentBefore = sentBefore;
    }

    /**
     * The grace of rounds this often with this timeout: {@link #GRACE}, or a quarter of what the timeout leaves
     * of the interval when that is less, so that a round never runs into the next one.
     */
    static Duration grace(Duration interval, Duration timeout) {
        long left = Math.max(0, interval.toNanos() - timeout.toNanos());
        return Duration.ofNanos(Math.min(GRACE.toNanos(), left / 4));
    }

    long start() {
        return start;
    }

    /** When the round gives up waiting: its request is then lost. */
    long deadline() {
        return start + timeout + grace;
    }

    /** The ping was started again while the round waited: its numbers begin anew, all after the start. */
    void restarted() {
        sentBefore = 0;
    }

    /** The round's outcome once settled; the first line that settles it decides. */
    Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** Takes in a line heard at `at`; the outcome, if the round is settled now. */
    Optional<Outcome> heard(PingLine line, long at) {
        if (outcome == null && at - deadline() <= 0) outcome = settledBy(line, at);
        return outcome();
    }

    private Outcome settledBy(PingLine line, long at) {
        if (line instanceof PingLine.Reply r) return at - r.rtt().toNanos() - start < 0 ? null : judged(r.rtt());
        if (line instanceof PingLine.Error e) return e.seq() > sentBefore ? new Outcome.Failed(e.reason()) : null;
        if (line instanceof PingLine.NoAnswer n) sentBefore = Math.max(sentBefore, n.seq());
        return null;
    }

    private Outcome judged(Duration rtt) {
        return rtt.toNanos() <= timeout ? new Outcome.Answered(rtt) : Outcome.timeout();
    }
}
