package mlb.monitor.health;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Duration;

/**
 * How one link is judged: which targets it probes, how many must answer for a round to succeed, how many rounds in
 * a row change its state, and the optional quality maxima over a sliding window of rounds.
 *
 * @param targets     the names the prober puts in each {@link Round}, in a fixed order (1..64, distinct)
 * @param reliability answers a round needs to succeed (1..targets)
 * @param down        failed rounds in a row that take a link down (1..100)
 * @param up          succeeded rounds in a row that bring a down link back (1..100)
 * @param window      rounds kept for loss and mean RTT (1..1000); with a maximum set, at least down and up, so a
 *                    quality verdict never rests on fewer rounds than a reachability verdict
 * @param maxLoss     loss percent (0..99) above which an answering link is degraded
 * @param maxRtt      mean RTT (1 ms..60 s) above which an answering link is degraded
 */
public record HealthPolicy(List<String> targets, int reliability, int down, int up, int window,
                           Option<Integer> maxLoss, Option<Duration> maxRtt) {
    public static final int RELIABILITY = 1;
    public static final int DOWN = 3;
    public static final int UP = 3;
    public static final int WINDOW = 20;
    public static final int MAX_TARGETS = 64;
    public static final int MAX_WINDOW = 1000;
    public static final Duration MIN_RTT_LIMIT = Duration.ofMillis(1);
    public static final Duration MAX_RTT_LIMIT = Duration.ofSeconds(60);

    public HealthPolicy {
        if (targets == null || targets.isEmpty() || targets.size() > MAX_TARGETS) {
            throw new IllegalArgumentException("a link probes 1.." + MAX_TARGETS + " targets, got " + targets);
        }
        targets.forEach(Targets::check);
        if (targets.distinct().size() != targets.size()) throw new IllegalArgumentException("targets repeat: " + targets);
        within("reliability", reliability, 1, targets.size());
        within("down", down, 1, 100);
        within("up", up, 1, 100);
        if (maxLoss == null || maxRtt == null) throw new IllegalArgumentException("maxima are options, not null");
        within("window", window, maxLoss.isDefined() || maxRtt.isDefined() ? Math.max(down, up) : 1, MAX_WINDOW);
        maxLoss.forEach(l -> within("maxLoss", l, 0, 99));
        maxRtt.forEach(r -> {
            if (r.compareTo(MIN_RTT_LIMIT) < 0 || r.compareTo(MAX_RTT_LIMIT) > 0) {
                throw new IllegalArgumentException("maxRtt must be " + MIN_RTT_LIMIT + ".." + MAX_RTT_LIMIT + ", got " + r);
            }
        });
    }

    /** Reliability 1, down 3, up 3, a 20-round window, no quality maxima. */
    public static HealthPolicy defaults(List<String> targets) {
        return new HealthPolicy(targets, RELIABILITY, DOWN, UP, WINDOW, Option.none(), Option.none());
    }

    public HealthPolicy withQuality(int window, Option<Integer> maxLoss, Option<Duration> maxRtt) {
        return new HealthPolicy(targets, reliability, down, up, window, maxLoss, maxRtt);
    }

    /** Whether quality is judged at all. */
    public boolean judgesQuality() {
        return maxLoss.isDefined() || maxRtt.isDefined();
    }

    /** A round succeeds when at least `reliability` targets answered. */
    public boolean succeeded(Round round) {
        return sample(round).answers() >= reliability;
    }

    /** The round as the window keeps it; a round that does not name exactly these targets is a prober bug. */
    Window.Sample sample(Round round) {
        if (round.results().size() != targets.size()) {
            throw new IllegalArgumentException("round has " + round.results().size() + " results for targets " + targets);
        }
        long lost = 0;
        long rttNanos = 0;
        int answers = 0;
        for (TargetResult r : round.results()) {
            int i = targets.indexOf(r.target());
            if (i < 0) throw new IllegalArgumentException("round names " + r.target() + ", not one of " + targets);
            Option<Duration> rtt = r.answer();
            if (rtt.isDefined()) {
                rttNanos += rtt.get().toNanos();
                answers++;
            } else {
                lost |= 1L << i;
            }
        }
        return new Window.Sample(lost, rttNanos, answers);
    }

    private static void within(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
    }
}
