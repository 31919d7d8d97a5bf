package mlb.monitor.health;

/** What the monitor believes about a link. */
public enum State {
    /**
     * Not probed enough for a verdict. Counted in the balancing like UP: the kernel already balances over every
     * link of the spec, and the monitor must not change it before it knows something.
     */
    UNKNOWN,
    /** Answering, and (when quality maxima are set) within them. */
    UP,
    /** `down` rounds in a row failed. */
    DOWN,
    /** Answering, but its window breaches a quality maximum: alive, yet taken out while a better link exists. */
    DEGRADED
}
