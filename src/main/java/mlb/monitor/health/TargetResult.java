package mlb.monitor.health;

import io.vavr.control.Option;

import java.time.Duration;

/** What one probe of one round brought back from one target. */
public sealed interface TargetResult {
    /** A probe answered after this long would be a bug in the prober; the bound keeps the window's sums in a long. */
    Duration LONGEST_RTT = Duration.ofHours(1);

    String target();

    /** The round-trip time, when the target answered. */
    Option<Duration> answer();

    record Answered(String target, Duration rtt) implements TargetResult {
        public Answered {
            Targets.check(target);
            if (rtt == null || rtt.isNegative() || rtt.compareTo(LONGEST_RTT) > 0) {
                throw new IllegalArgumentException("rtt must be 0.." + LONGEST_RTT + ", got " + rtt);
            }
        }

        public Option<Duration> answer() {
            return Option.some(rtt);
        }
    }

    /** No answer: `why` is the prober's word for it (timeout, refused, an error text), kept for the status. */
    record Failed(String target, String why) implements TargetResult {
        public Failed {
            Targets.check(target);
            if (why == null) throw new IllegalArgumentException("why must not be null");
        }

        public Option<Duration> answer() {
            return Option.none();
        }
    }
}
