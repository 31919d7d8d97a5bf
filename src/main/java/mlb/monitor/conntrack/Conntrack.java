package mlb.monitor.conntrack;

import java.net.InetAddress;

/** The kernel's connection tracking table, as far as the monitor changes it. */
public interface Conntrack {
    /**
     * Deletes the connections masqueraded to a link: those whose reply tuple's destination is the link's own
     * address, which is where NAT sends a flow's replies (and the router's own connections from that address).
     * Nothing else: never a flush, never another link's entries.
     */
    Deletion deleteNatedTo(InetAddress linkAddress);

    /**
     * Connmark mode: deletes the connections carrying a link's mark (under mlb's mask), whatever their
     * addresses; unansweredOnly: only its TCP connection attempts no reply has reached (SYN_SENT), whose
     * retransmits would otherwise follow the mark into a dead link until the client gives up.
     */
    Deletion deleteMarked(Marked mark, boolean unansweredOnly);

    /** A link's mark and the mask mlb's marks live under. */
    record Marked(long mark, long mask) {
        public String text() {
            return String.format("0x%x/0x%x", mark, mask);
        }
    }
}
