package mlb.engine;

import io.vavr.collection.List;
import mlb.history.Entry;

/** Changes made outside mlb: how the kernel differs from what the target's last entry recorded. */
public record DriftReport(Entry last, List<String> lines) {
    public boolean drifted() {
        return !lines.isEmpty();
    }
}
