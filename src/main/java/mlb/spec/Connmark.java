package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The [balancer] keys of mode "connmark": each new connection is given a link's mark when it starts, and all
 * its packets (replies and RELATED connections such as FTP data too) follow that mark to the link's table.
 * lan: the source prefixes whose new connections are balanced (forwarded traffic). local: also balance this
 * host's own connections. markMask: the bits of the packet and connection marks mlb uses (other programs keep
 * the rest). nftTable: the name of mlb's nftables table (family inet). helpers: conntrack helpers for protocols
 * that open related connections. sticky: when not zero, a lan source's new connections keep the link its first
 * one took, for as long as it opens one within that time of the last and the link takes new connections.
 */
public record Connmark(Distribution distribution, List<String> lan, boolean local, long markMask, String nftTable,
                       List<Helper> helpers, java.time.Duration sticky) {
    public static final long DEFAULT_MARK_MASK = 0x00ff0000L;
    public static final String DEFAULT_TABLE = "mlb";
    /** The longest a source is remembered: a day. */
    public static final java.time.Duration MAX_STICKY = java.time.Duration.ofHours(24);

    public static Connmark defaults() {
        return new Connmark(Distribution.WRR, List.empty(), false, DEFAULT_MARK_MASK, DEFAULT_TABLE, List.empty(),
                java.time.Duration.ZERO);
    }

    /**
     * How a new connection picks its link. WRR: in a fixed interleaved cycle, so shares are exact over every
     * full cycle (the nth-packet recipes); RANDOM: independently at random in proportion to the weights.
     */
    public enum Distribution { WRR, RANDOM }

    /** A conntrack helper mlb knows: its kernel name, protocol and well-known port. */
    public record Helper(String name, String protocol, int port) {
        public static final List<Helper> KNOWN = List.of(
                new Helper("ftp", "tcp", 21), new Helper("tftp", "udp", 69), new Helper("irc", "tcp", 6667),
                new Helper("sip", "udp", 5060), new Helper("amanda", "udp", 10080));

        public static Option<Helper> named(String name) {
            return KNOWN.find(h -> h.name.equals(name));
        }
    }
}
