package mlb.monitor.health;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;

/**
 * One probe to each target of a link, sent at `at`. The results may come in any order (the prober may list them
 * as they complete); the last answer listed is what "last rtt" reports.
 */
public record Round(Instant at, List<TargetResult> results) {
    public Round {
        if (at == null || results == null) throw new IllegalArgumentException("a round needs a time and results");
        if (results.isEmpty()) throw new IllegalArgumentException("a round probes at least one target");
        if (results.map(TargetResult::target).distinct().size() != results.size()) {
            throw new IllegalArgumentException("a round probes each target once: " + results.map(TargetResult::target));
        }
    }

    /** The RTT of the last answer listed, if any target answered. */
    Option<Duration> lastRtt() {
        return results.flatMap(TargetResult::answer).lastOption();
    }
}
