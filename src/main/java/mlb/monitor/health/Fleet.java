package mlb.monitor.health;

import io.vavr.Tuple;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.SortedMap;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * The health of every link of a spec, and which of them the balancing should hold.
 *
 * @param probed   links with a health check, by name
 * @param unprobed links without one: nothing can take them out, so they are always live
 */
public record Fleet(SortedMap<String, LinkHealth> probed, SortedSet<String> unprobed) {
    public Fleet {
        if (probed == null || unprobed == null) throw new IllegalArgumentException("a fleet needs both sets");
        if (probed.isEmpty() && unprobed.isEmpty()) throw new IllegalArgumentException("a fleet has at least one link");
        SortedSet<String> both = probed.keySet().intersect(unprobed);
        if (!both.isEmpty()) throw new IllegalArgumentException("links both probed and unprobed: " + both);
    }

    /** One round of results for one link, with the link's name for the log. */
    public record LinkEvent(String link, Event event) {
        public String line() {
            return event.line(link);
        }
    }

    /** The fleet after some rounds, and the changes they made, in link-name order. */
    public record Step(Fleet after, List<LinkEvent> events) {
    }

    public static Fleet start(Map<String, HealthPolicy> probed, Set<String> unprobed, Instant at) {
        return new Fleet(TreeMap.ofEntries(probed.map(e -> Tuple.of(e._1, LinkHealth.start(e._2, at)))),
                TreeSet.ofAll(unprobed));
    }

    public Step next(String link, Round round) {
        LinkHealth health = probed.get(link)
                .getOrElseThrow(() -> new IllegalArgumentException("no probed link " + link + " in " + probed.keySet()));
        Transition t = health.next(round);
        return new Step(new Fleet(probed.put(link, t.after()), unprobed), t.event().map(e -> new LinkEvent(link, e)).toList());
    }

    /** A probed link's device lost its carrier (see LinkHealth#carrierLost). */
    public Step carrierLost(String link, String dev, Instant at) {
        LinkHealth health = probed.get(link)
                .getOrElseThrow(() -> new IllegalArgumentException("no probed link " + link + " in " + probed.keySet()));
        Transition t = health.carrierLost(dev, at);
        return new Step(new Fleet(probed.put(link, t.after()), unprobed), t.event().map(e -> new LinkEvent(link, e)).toList());
    }

    /**
     * A whole round of the monitor, every link at once: compare {@link #effective} before and after this, not after
     * each link, or links going down in the same round would show a moment when only the others are in.
     */
    public Step next(Map<String, Round> rounds) {
        return TreeMap.ofEntries(rounds).foldLeft(new Step(this, List.empty()), (step, e) -> {
            Step s = step.after().next(e._1, e._2);
            return new Step(s.after(), step.events().appendAll(s.events()));
        });
    }

    public SortedSet<String> names() {
        return probed.keySet().union(unprobed);
    }

    public Option<LinkHealth> health(String link) {
        return probed.get(link);
    }

    /** Links counted in the balancing: UP, UNKNOWN (not known to be out) and unprobed ones. */
    public SortedSet<String> live() {
        return unprobed.union(probed.filter((name, h) -> h.live()).keySet());
    }

    /** Whether every probed link has had a verdict: until then the monitor may hold its first re-plan. */
    public boolean settled() {
        return probed.values().forAll(h -> h.state() != State.UNKNOWN);
    }

    /**
     * The links the balancing should hold: the live ones; when none is live, the DEGRADED ones (they still answer,
     * so the targets are fine and the DOWN links really are down); when every link is DOWN, all of them for
     * {@link LastResort#KEEP} and none otherwise. A link is back in as soon as it is UP, whatever the others do.
     */
    public SortedSet<String> effective(LastResort lastResort) {
        SortedSet<String> live = live();
        if (!live.isEmpty()) return live;
        SortedSet<String> degraded = probed.filter((name, h) -> h.state() == State.DEGRADED).keySet();
        if (!degraded.isEmpty()) return degraded;
        return switch (lastResort) {
            case KEEP -> names();
            case MAIN, UNREACHABLE -> TreeSet.empty();
        };
    }

    /** {@link #effective(LastResort)} with KEEP. */
    public SortedSet<String> effective() {
        return effective(LastResort.KEEP);
    }
}
