package mlb.lab.traffic;

import mlb.spec.Ipv4;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The only addresses lab traffic may go to: 198.18.0.0/15 (benchmarking) and 10.77.0.0/16. The clients refuse
 * anything else, so a typo can never send a packet to a real network.
 */
public final class LabAddress {
    private LabAddress() {
    }

    /** A canonical dotted quad (the spec's own parser decides) inside one of the two lab ranges. */
    public static boolean allowed(String address) {
        return Ipv4.address(address).filter(address::equals)
                .exists(a -> a.startsWith("10.77.") || a.startsWith("198.18.") || a.startsWith("198.19."));
    }

    public static InetAddress require(String address) {
        if (!allowed(address)) {
            throw new IllegalArgumentException("refusing " + address
                    + ": lab traffic goes only to 198.18.0.0/15 and 10.77.0.0/16");
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
