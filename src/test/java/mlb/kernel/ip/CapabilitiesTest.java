package mlb.kernel.ip;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapabilitiesTest {
    private static final String ROOT = "Name:\tjava\nCapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n";
    // capsh --drop=cap_net_admin: bit 12 (0x1000) cleared
    private static final String DROPPED = "Name:\tjava\nCapPrm:\t000001ffffffefff\nCapEff:\t000001ffffffefff\n";

    @Test
    void netAdminIsBit12OfTheEffectiveSet() {
        assertTrue(Capabilities.effectiveHas(ROOT, 12));
        assertFalse(Capabilities.effectiveHas(DROPPED, 12));
        assertTrue(Capabilities.effectiveHas(DROPPED, 21), "CAP_SYS_ADMIN stays");
        assertFalse(Capabilities.effectiveHas("CapEff:\t0000000000000000\n", 12), "an ordinary user");
        assertTrue(Capabilities.effectiveHas("Name:\tjava\n", 12), "no line: let the kernel decide");
    }
}
