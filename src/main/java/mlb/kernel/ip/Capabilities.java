package mlb.kernel.ip;

import java.math.BigInteger;

/** The capability sets of /proc/PID/status, read without libcap. Pure. */
final class Capabilities {
    private Capabilities() {
    }

    /** Whether the CapEff line of a status file has the capability with this number; absent counts as yes. */
    static boolean effectiveHas(String status, int capability) {
        for (String line : status.split("\n")) {
            if (line.startsWith("CapEff:")) return new BigInteger(line.substring(7).strip(), 16).testBit(capability);
        }
        return true;
    }
}
