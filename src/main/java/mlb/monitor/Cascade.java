package mlb.monitor;

import io.vavr.collection.SortedSet;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;

/**
 * Links that leave the balancing one after another, each within one detection time of the one before, most likely
 * failed together: the probe targets, or what the links share upstream, rather than each link on its own. Their
 * verdicts still arrive one by one, and each takes only its own link out, so by the time every link is down the
 * last one standing would carry all the traffic. When such a run ends with every link down, the balancing returns
 * to what it was before the run began (last_resort keep), not to the last survivor.
 *
 * @param before the balancing before the run's first verdict (none: no run)
 * @param last   when the run's latest link left
 */
record Cascade(Option<SortedSet<String>> before, Instant last) {
    static final Cascade NONE = new Cascade(Option.none(), Instant.EPOCH);

    /**
     * After a verdict: the live links before and after it, the balancing before it. A link leaving starts a run
     * or extends the one still running; a link coming back ends it; every link gone leaves it for {@link #restores}.
     */
    Cascade next(SortedSet<String> liveBefore, SortedSet<String> liveAfter, SortedSet<String> balancing, Instant now,
                 Duration window) {
        if (liveAfter.isEmpty() || liveAfter.equals(liveBefore)) return this;
        if (!liveBefore.containsAll(liveAfter)) return NONE;
        return running(now, window) ? new Cascade(before, now) : new Cascade(Option.some(balancing), now);
    }

    /** The balancing to return to now that every link is down: the one before the run, if it still runs. */
    Option<SortedSet<String>> restores(Instant now, Duration window) {
        return running(now, window) ? before : Option.none();
    }

    private boolean running(Instant now, Duration window) {
        return before.isDefined() && !now.isAfter(last.plus(window));
    }
}
