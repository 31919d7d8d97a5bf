package mlb.view;

import mlb.history.Entry;
import mlb.proc.Target;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small pieces of wording the human views share. */
final class Lines {
    /**
     * Every time a person reads, in this machine's zone and saying which (`2026-11-21 12:07:10 UTC`); the JSON
     * documents keep instants (UTC, ISO 8601).
     */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss zzz", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Lines() {
    }

    static String date(Instant t) {
        return DATE.format(t);
    }

    /** An entry as `mlb history` lists it: short rev, date, outcome, message. */
    static String entry(Entry e) {
        return String.format("%s  %s  %-11s %s", e.shortId(), date(e.time()), e.outcome(), e.title());
    }

    /** ` --netns NS` for hints that must name the target the user gave. */
    static String netnsArg(Target t) {
        return t.netns().map(n -> " --netns " + n).orElse("");
    }

    static String plural(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }

    /** A word as a shell takes it back: plain paths as they are, anything else in single quotes. */
    static String word(String w) {
        return w.matches("[A-Za-z0-9_./@:+=,-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
    }

    /** 19 990: thousands grouped with a space, as people write counts. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }
}
