package mlb.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The monitor's log lines, read for when things happened: each line starts with its instant. */
record MonitorLog(List<String> lines) {
    /** The first line after t that contains text, with its instant. */
    Optional<Entry> first(String text, Instant after) {
        for (String l : lines) {
            int space = l.indexOf(' ');
            if (space < 0 || !l.contains(text)) continue;
            try {
                Instant at = Instant.parse(l.substring(0, space));
                if (!at.isBefore(after)) return Optional.of(new Entry(at, l.substring(space + 1)));
            } catch (java.time.format.DateTimeParseException e) {
                // not an event line (a JVM warning, say)
            }
        }
        return Optional.empty();
    }

    /** Every event line, in order. */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (String l : lines) {
            int space = l.indexOf(' ');
            if (space < 0) continue;
            try {
                out.add(new Entry(Instant.parse(l.substring(0, space)), l.substring(space + 1)));
            } catch (java.time.format.DateTimeParseException e) {
                // not an event line
            }
        }
        return out;
    }

    record Entry(Instant at, String text) {
        double secondsAfter(Instant t) {
            return Duration.between(t, at).toMillis() / 1000.0;
        }
    }
}
