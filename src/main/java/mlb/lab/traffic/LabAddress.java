package mlb.lab.traffic;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The only addresses lab traffic may go to: 198.18.0.0/15 (benchmarking) and 10.77.0.0/16. The clients refuse
 * anything else, so a typo can never send a packet to a real network.
 */
public final class LabAddress {
    private static final Pattern DOTTED = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private LabAddress() {
    }

    public static boolean allowed(String address) {
        if (!DOTTED.matcher(address).matches()) return false;
        byte[] b;
        try {
            InetAddress a = InetAddress.getByName(address); // a dotted quad: parsed, never resolved
            if (!(a instanceof Inet4Address)) return false;
            b = a.getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        return (o0 == 198 && (o1 == 18 || o1 == 19)) || (o0 == 10 && o1 == 77);
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
