package mlb.lab.traffic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabAddressTest {
    @Test
    void onlyTheLabRangesAreAllowed() {
        assertTrue(LabAddress.allowed("198.18.0.1"));
        assertTrue(LabAddress.allowed("198.19.255.254"));
        assertTrue(LabAddress.allowed("10.77.0.2"));
        assertFalse(LabAddress.allowed("198.20.0.1"));
        assertFalse(LabAddress.allowed("198.17.0.1"));
        assertFalse(LabAddress.allowed("10.78.0.1"));
        assertFalse(LabAddress.allowed("127.0.0.1"));
        assertFalse(LabAddress.allowed("example.org")); // names are never resolved
        assertFalse(LabAddress.allowed("::1"));
        assertThrows(IllegalArgumentException.class, () -> LabAddress.require("1.1.1.1"));
    }
}
