package mlb.monitor.health;

import java.time.Duration;

/** How durations read in log lines and the status. */
final class Text {
    private Text() {
    }

    /** Whole milliseconds from 10 ms up ("12 ms"), tenths below ("0.4 ms", "3 ms"), rounded half up. */
    static String ms(Duration d) {
        long nanos = d.toNanos();
        long tenths = (nanos + 50_000) / 100_000;
        if (tenths >= 100) return (nanos + 500_000) / 1_000_000 + " ms";
        return tenths % 10 == 0 ? tenths / 10 + " ms" : tenths / 10 + "." + tenths % 10 + " ms";
    }
}
