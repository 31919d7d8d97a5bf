package mlb.lab.timeline;

import java.time.Instant;
import java.util.List;

/**
 * What happened around one cut of a line, as a picture shows it: every time is in ms relative to the origin (the
 * moment the cut took effect), and only [fromMs, toMs] is drawn. links name the lanes in order (a link's colour
 * follows its place); throughput is per link, attempts are the new connections with their outcome, events the
 * moments that explain them (cut, verdict, kernel write, heal).
 */
public record Timeline(String title, Instant origin, double fromMs, double toMs, List<String> links,
                       List<Series> throughput, List<Attempt> attempts, List<Event> events) {
    public Timeline {
        if (!(toMs > fromMs)) throw new IllegalArgumentException("a timeline needs toMs > fromMs, not " + fromMs + ".." + toMs);
        links = List.copyOf(links);
        throughput = List.copyOf(throughput);
        attempts = List.copyOf(attempts);
        events = List.copyOf(events);
    }

    /** One link's throughput: the rate over the interval ending at each sample's time. */
    public record Series(String link, List<Sample> samples) {
        public Series {
            samples = List.copyOf(samples);
        }
    }

    public record Sample(double atMs, double bitsPerSecond) {
    }

    public enum Outcome {
        /** Connected and answered at once. */
        OK,
        /** Answered, but only after a retransmission (a lost SYN or answer): tookMs says how long. */
        DELAYED,
        /** Never answered; why says what the client saw (timeout, reset, unreachable). */
        FAILED
    }

    /** A new connection begun at atMs over link (empty when it never reached a server), ended tookMs later. */
    public record Attempt(double atMs, Outcome outcome, double tookMs, String link, String why) {
    }

    public enum Kind {
        CUT("cut"), VERDICT("verdict"), WRITTEN("kernel write"), HEAL("heal");

        private final String legend;

        Kind(String legend) {
            this.legend = legend;
        }

        public String legend() {
            return legend;
        }
    }

    /** A moment with its label ("isp2 down", "written 23 ms after the verdict"). */
    public record Event(Kind kind, double atMs, String label) {
    }
}
