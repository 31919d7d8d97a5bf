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
}
