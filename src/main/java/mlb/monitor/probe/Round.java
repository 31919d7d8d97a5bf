package mlb.monitor.probe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One round of a link: every target asked once, in parallel, and what each said, in the order given. */
public record Round(ProbeLink link, Instant started, List<Probed> results) {
    public Round {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(started, "started");
        results = List.copyOf(results);
    }

    public record Probed(ProbeTarget target, Outcome outcome) {
        public Probed {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    public long answered() {
        return results.stream().filter(p -> p.outcome().answered()).count();
    }
}
