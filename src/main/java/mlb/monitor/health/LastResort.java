package mlb.monitor.health;

/**
 * What the balancing holds when every link is DOWN. When all probes fail at once the targets, not the links, may be
 * what failed, so the safe answer keeps every link in.
 */
public enum LastResort {
    /** Every link stays in: nothing destructive happens. */
    KEEP,
    /** No link is in; the compiler leaves the balancing table to the main table. */
    MAIN,
    /** No link is in; the compiler makes the balancing table unreachable. */
    UNREACHABLE
}
