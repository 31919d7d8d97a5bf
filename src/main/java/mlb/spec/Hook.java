package mlb.spec;

import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.control.Option;

import java.time.Duration;
import java.util.Locale;

/**
 * A program `mlb monitor` runs when it sees one of events: argv as given, never through a shell, killed after
 * timeout. links, when given, limits the per-link events (down, up, degraded) to those links; all_down
 * concerns every link, so it is not filtered.
 */
public record Hook(List<String> argv, SortedSet<Event> events, Option<SortedSet<String>> links, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1), MAX_TIMEOUT = Duration.ofMinutes(5);

    public Hook {
        if (argv.isEmpty() || !argv.head().startsWith("/") || argv.exists(a -> a.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("argv " + argv);
        }
        if (events.isEmpty() || links.exists(SortedSet::isEmpty)) throw new IllegalArgumentException("empty filter");
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout " + timeout);
        }
    }

    /** Whether this hook runs for event on link. */
    public boolean runsFor(Event event, String link) {
        return events.contains(event) && (event == Event.ALL_DOWN || links.forAll(l -> l.contains(link)));
    }

    public enum Event {
        /** A link was marked down. */
        DOWN,
        /** A link was marked up again. */
        UP,
        /** A link that is up crossed a quality threshold of its check. */
        DEGRADED,
        /** The last link that was up went down. */
        ALL_DOWN;

        /** The word the spec uses. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
