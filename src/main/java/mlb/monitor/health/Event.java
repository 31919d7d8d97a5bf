package mlb.monitor.health;

import java.time.Instant;

/** A link changed state at `at` (the time of the round that decided it). */
public record Event(State before, State after, Instant at, Cause cause) {
    public Event {
        if (before == null || at == null || cause == null || after != cause.leadsTo() || before == after) {
            throw new IllegalArgumentException("not a change: " + before + " -> " + after + " by " + cause);
        }
    }

    /** The log line, e.g. {@code isp2 down: 3/3 rounds lost, last rtt 12 ms}. */
    public String line(String link) {
        return link + " " + cause.verb() + ": " + cause.text();
    }
}
