package mlb.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `mlb monitor --metrics [ADDR:]PORT`: a bare port is loopback's; IPv6 in brackets; no names, no port 0. */
class MetricsOptionTest {
    private final MonitorCommand.Address address = new MonitorCommand.Address();

    @Test
    void aBarePortIsLoopback() {
        InetSocketAddress a = address.convert("9101");
        assertEquals("127.0.0.1", a.getAddress().getHostAddress());
        assertEquals(9101, a.getPort());
    }

    @Test
    void anAddressIsTakenAsGiven() {
        assertTrue(address.convert("0.0.0.0:9101").getAddress().isAnyLocalAddress());
        assertTrue(address.convert("[::]:9101").getAddress().isAnyLocalAddress());
        assertTrue(address.convert("[::1]:9101").getAddress().isLoopbackAddress());
        assertEquals("198.18.0.1", address.convert("198.18.0.1:9101").getAddress().getHostAddress());
    }

    @Test
    void namesAndBadPortsAreRefusedWithAnExample() {
        for (String bad : new String[]{"localhost:9101", "0", "65536", "9101x", "::1:9101", "1.2.3.4:"}) {
            CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class, () -> address.convert(bad), bad);
            assertEquals("'" + bad + "' is not [ADDR:]PORT (write a port, e.g. 9101 for 127.0.0.1:9101, or ADDR:PORT, e.g."
                    + " 198.18.0.1:9101 or [::1]:9101)", e.getMessage());
        }
    }
}
