package mlb.spec;

import io.vavr.collection.List;

import java.time.Duration;

/**
 * What `mlb monitor` does besides probing: how long a dead link's connections stay in conntrack before they are
 * deleted (ZERO: never), and the hooks it runs on events.
 */
public record Monitor(Duration conntrackGrace, List<Hook> hooks) {
    /**
     * Long enough for a link that only blinked to come back with its connections intact; short enough that a
     * flow whose entry would otherwise live on (a VPN's or a call's UDP, still translated to the dead link's
     * address) starts again over another link within seconds.
     */
    public static final Duration DEFAULT_CONNTRACK_GRACE = Duration.ofSeconds(20);
    public static final Duration MAX_CONNTRACK_GRACE = Duration.ofHours(1);

    public Monitor {
        if (conntrackGrace.isNegative() || conntrackGrace.compareTo(MAX_CONNTRACK_GRACE) > 0) {
            throw new IllegalArgumentException("conntrack_grace " + conntrackGrace);
        }
    }

    public static Monitor defaults() {
        return new Monitor(DEFAULT_CONNTRACK_GRACE, List.empty());
    }

    /** Whether a dead link's conntrack entries are ever deleted. */
    public boolean deletesConntrack() {
        return !conntrackGrace.isZero();
    }
}
