package mlb.spec;

import java.time.Duration;

/**
 * The [balancer] table. Owned rule priorities are priorityBase .. priorityBase + PRIORITY_SPAN - 1.
 *
 * idleTimer and unbalancedTimer are the resilient nexthop group's timers. When weights change (a link comes
 * back, or is given another weight), a hash bucket moves to its new link only once no packet has used it for
 * idleTimer: long idle-but-alive connections, such as an ssh session whose keepalives come more often than that,
 * keep their bucket and so their link. unbalancedTimer, if not zero, moves buckets anyway once the group has
 * been out of balance that long, busy or not: weights converge sooner, but the long flows on the moved buckets
 * break. Neither delays a dead link's buckets: the kernel moves those at once when its nexthop leaves the group.
 */
public record Balancer(Mode mode, Hash hash, int priorityBase, int protocol, int tableBase, LastResort lastResort,
                       Duration idleTimer, Duration unbalancedTimer, Connmark connmark) {
    public static final int PRIORITY_SPAN = 100;
    public static final int DEFAULT_PRIORITY_BASE = 10000;
    public static final int DEFAULT_PROTOCOL = 250;
    public static final int DEFAULT_TABLE_BASE = 200;
    /** The kernel's own default for a resilient group. */
    public static final Duration DEFAULT_IDLE_TIMER = Duration.ofSeconds(120);
    /** Zero: never force a busy bucket over, the kernel's default too. */
    public static final Duration DEFAULT_UNBALANCED_TIMER = Duration.ZERO;
    public static final Duration MAX_TIMER = Duration.ofHours(1);

    public Balancer {
        timer(idleTimer);
        timer(unbalancedTimer);
    }

    /** A route-mode balancer (the connmark keys at their defaults). */
    public Balancer(Mode mode, Hash hash, int priorityBase, int protocol, int tableBase, LastResort lastResort,
                    Duration idleTimer, Duration unbalancedTimer) {
        this(mode, hash, priorityBase, protocol, tableBase, lastResort, idleTimer, unbalancedTimer, Connmark.defaults());
    }

    /** A balancer with the kernel's default group timers. */
    public Balancer(Mode mode, Hash hash, int priorityBase, int protocol, int tableBase, LastResort lastResort) {
        this(mode, hash, priorityBase, protocol, tableBase, lastResort, DEFAULT_IDLE_TIMER, DEFAULT_UNBALANCED_TIMER);
    }

    public static Balancer defaults() {
        return new Balancer(Mode.ROUTE, Hash.L4, DEFAULT_PRIORITY_BASE, DEFAULT_PROTOCOL, DEFAULT_TABLE_BASE,
                LastResort.KEEP);
    }

    private static void timer(Duration d) {
        if (d.isNegative() || d.compareTo(MAX_TIMER) > 0 || d.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("group timer " + d);
        }
    }

    /** This balancer, with these connmark settings. */
    public Balancer with(Connmark c) {
        return new Balancer(mode, hash, priorityBase, protocol, tableBase, lastResort, idleTimer, unbalancedTimer, c);
    }

    /**
     * ROUTE: the kernel's multipath hash picks a link per flow. CONNMARK: nftables marks each new connection
     * with a link, and the mark picks the link's table (see Connmark).
     */
    public enum Mode { ROUTE, CONNMARK }

    /** l3: hash on addresses only; l4: on addresses and ports (per connection). */
    /**
     * What the kernel's multipath hash spreads by: l4 the connection (addresses, protocol, ports), l3 the address
     * pair, source the source address alone (every connection of a LAN host takes the same link while the
     * group stays as it is: sticky sources, without a timeout).
     */
    public enum Hash { L3, L4, SOURCE }

    /**
     * What traffic does when every link is down. KEEP: keep balancing over the links as they were, since it may
     * be the probe targets that failed, not the links. MAIN: leave it to the main table's routes. UNREACHABLE:
     * fail fast with "network unreachable" instead of leaking out through main.
     */
    public enum LastResort { KEEP, MAIN, UNREACHABLE }
}
