package mlb.monitor.probe;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line of `ping -n -O` output (iputils), as the persistent icmp probe reads it. */
sealed interface PingLine {
    Pattern REPLY = Pattern.compile("\\d+ bytes from \\S+: icmp_seq=(\\d+) .*time=(\\d+(?:\\.\\d+)?) ms.*");
    Pattern NO_ANSWER = Pattern.compile("no answer yet for icmp_seq=(\\d+)");
    Pattern ERROR = Pattern.compile("From (\\S+?)(?: \\(\\S+\\))? icmp_seq=(\\d+) (.+)");
    Pattern NOT_AN_ERROR = Pattern.compile("Redirect|Source Quench");

    /** An echo reply to seq after rtt. A duplicate (DUP!) parses the same; the stream ignores it. */
    record Reply(long seq, Duration rtt) implements PingLine {
    }

    /** -O: seq had no reply when the next request went out. */
    record NoAnswer(long seq) implements PingLine {
    }

    /**
     * An ICMP error about seq from a router on the way ("destination host unreachable from 198.18.1.1"). A
     * redirect or source quench is no error (the request went on, as ping itself counts it): a {@link Note}.
     */
    record Error(long seq, String reason) implements PingLine {
    }

    /** Anything else: the header, the summary, and ping's own complaints, kept to explain an exit. */
    record Note(String text) implements PingLine {
    }

    static PingLine parse(String line) {
        String l = line.strip();
        Matcher m = REPLY.matcher(l);
        if (m.matches()) return new Reply(Long.parseLong(m.group(1)), millis(m.group(2)));
        m = NO_ANSWER.matcher(l);
        if (m.matches()) return new NoAnswer(Long.parseLong(m.group(1)));
        m = ERROR.matcher(l);
        if (m.matches() && !NOT_AN_ERROR.matcher(m.group(3)).lookingAt()) {
            String what = m.group(3).toLowerCase(Locale.ROOT);
            return new Error(Long.parseLong(m.group(2)), Failures.shorten(what + " from " + m.group(1)));
        }
        return new Note(Failures.shorten(l));
    }

    private static Duration millis(String ms) {
        return Duration.ofNanos(new BigDecimal(ms).movePointRight(6).longValue());
    }
}
