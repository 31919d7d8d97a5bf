package mlb.monitor.probe;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The round's rule against a plain statement of it, over replies at random times: the outcome is that of the
 * first reply heard by the deadline whose request went out at or after the start (answered when its rtt is at
 * most the timeout, lost otherwise); without one, the round is unsettled (and ends lost at its deadline).
 */
class EchoRoundProperties {
    static final long START = 10_000_000_000L;

    /** A reply heard at START + offset (which may be before the start) after rtt, both in microseconds. */
    record Heard(long seq, long offsetMicros, long rttMicros) {
        long at() {
            return START + offsetMicros * 1000;
        }

        long sent() {
            return at() - rttMicros * 1000;
        }
    }

    @Provide
    Arbitrary<List<Heard>> replies() {
        Arbitrary<Heard> one = Combinators.combine(Arbitraries.longs().between(1, 9),
                        Arbitraries.longs().between(-400_000, 700_000), Arbitraries.longs().between(0, 600_000))
                .as(Heard::new);
        return one.list().ofMaxSize(6).map(l -> l.stream().sorted(Comparator.comparingLong(Heard::at)).toList());
    }

    @Property
    void theFirstReplyToARequestSentSinceTheStartDecides(@ForAll("replies") List<Heard> replies,
                                                         @ForAll("timeouts") Duration timeout) {
        EchoRound round = new EchoRound(START, timeout, EchoRound.GRACE, 0);
        replies.forEach(h -> round.heard(new PingLine.Reply(h.seq(), Duration.ofNanos(h.rttMicros() * 1000)), h.at()));
        Optional<Outcome> expected = replies.stream()
                .filter(h -> h.sent() >= START && h.at() <= round.deadline())
                .findFirst()
                .map(h -> h.rttMicros() * 1000 <= timeout.toNanos()
                        ? new Outcome.Answered(Duration.ofNanos(h.rttMicros() * 1000)) : Outcome.timeout());
        assertEquals(expected, round.outcome());
    }

    @Property
    void aRequestSentBeforeTheStartNeverAnswers(@ForAll("replies") List<Heard> replies, @ForAll("timeouts") Duration timeout) {
        EchoRound round = new EchoRound(START, timeout, EchoRound.GRACE, 0);
        replies.stream().filter(h -> h.sent() < START)
                .forEach(h -> round.heard(new PingLine.Reply(h.seq(), Duration.ofNanos(h.rttMicros() * 1000)), h.at()));
        assertEquals(Optional.empty(), round.outcome());
    }

    @Provide
    Arbitrary<Duration> timeouts() {
        return Arbitraries.longs().between(10, 500).map(Duration::ofMillis);
    }
}
