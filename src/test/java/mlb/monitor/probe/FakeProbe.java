package mlb.monitor.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted {@link Probe} for tests of what uses probes: every target answers in 1 ms unless told otherwise,
 * per link and target or for a whole link. It records each attempt as "link target".
 */
public final class FakeProbe implements Probe {
    public static final Outcome ANSWERED = new Outcome.Answered(Duration.ofMillis(1));
    private final Map<String, Outcome> byLink = new ConcurrentHashMap<>();
    private final Map<String, Outcome> byTarget = new ConcurrentHashMap<>();
    private final List<String> attempts = new CopyOnWriteArrayList<>();

    /** Every target of link gives outcome from now on. */
    public FakeProbe link(String link, Outcome outcome) {
        byLink.put(link, outcome);
        return this;
    }

    /** This target through this link gives outcome from now on (before any whole-link setting). */
    public FakeProbe target(String link, ProbeTarget target, Outcome outcome) {
        byTarget.put(link + " " + target.describe(), outcome);
        return this;
    }

    public List<String> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public Outcome attempt(ProbeLink link, ProbeTarget target, Duration timeout) {
        String key = link.name() + " " + target.describe();
        attempts.add(key);
        Outcome o = byTarget.get(key);
        if (o != null) return o;
        return byLink.getOrDefault(link.name(), ANSWERED);
    }
}
