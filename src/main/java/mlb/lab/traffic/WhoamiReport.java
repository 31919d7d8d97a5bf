package mlb.lab.traffic;

import java.util.Map;
import java.util.TreeMap;

/** How many of the connections were answered, from which source address each was seen, and what failed. */
public record WhoamiReport(int attempted, int answered, Map<String, Integer> sources, Map<String, Integer> errors,
                           double millis) {
    public WhoamiReport {
        sources = new TreeMap<>(sources);
        errors = new TreeMap<>(errors);
    }

    public int failed() {
        return attempted - answered;
    }
}
