package mlb.monitor.probe;

import java.time.Duration;
import java.util.Objects;

/** What one probe of one target through one link found. */
public sealed interface Outcome {
    boolean answered();

    /** The target answered as expected, after rtt (for http: connect, request and status line together). */
    record Answered(Duration rtt) implements Outcome {
        public Answered {
            if (rtt == null || rtt.isNegative()) throw new IllegalArgumentException("rtt must be >= 0: " + rtt);
        }

        @Override
        public boolean answered() {
            return true;
        }
    }

    /** No expected answer; reason is short and made for a log line ("timeout", "http 503", "dns rcode 2"). */
    record Failed(String reason) implements Outcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) throw new IllegalArgumentException("a failure needs a reason");
        }

        @Override
        public boolean answered() {
            return false;
        }
    }

    static Failed timeout() {
        return new Failed("timeout");
    }
}
