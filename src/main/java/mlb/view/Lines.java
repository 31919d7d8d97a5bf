package mlb.view;

import mlb.history.Entry;
import mlb.proc.Target;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Small pieces of wording the human views share. */
final class Lines {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Lines() {
    }

    /** An entry as `mlb history` lists it: short rev, date, outcome, message. */
    static String entry(Entry e) {
        return String.format("%s  %s  %-11s %s", e.shortId(), DATE.format(e.time()), e.outcome(), e.title());
    }

    /** ` --netns NS` for hints that must name the target the user gave. */
    static String netnsArg(Target t) {
        return t.netns().map(n -> " --netns " + n).orElse("");
    }

    static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
