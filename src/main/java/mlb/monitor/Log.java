package mlb.monitor;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The monitor's log: one line per event on stdout, stamped, so journald or a file keeps it as it is. */
public interface Log {
    void line(String text);

    void problem(String text);

    /** Stamped lines: events to out, problems to err. */
    static Log to(PrintStream out, PrintStream err, Clock clock) {
        return new Log() {
            @Override
            public void line(String text) {
                out.println(stamp(clock.instant()) + " " + text);
            }

            @Override
            public void problem(String text) {
                err.println(stamp(clock.instant()) + " mlb: " + text);
            }
        };
    }

    private static String stamp(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
