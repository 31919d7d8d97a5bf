package mlb.spec;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv4Test {
    @Test
    void addressesHaveOneSpelling() {
        assertEquals(Option.some("203.0.113.1"), Ipv4.address("203.0.113.1"));
        assertEquals(Option.some("0.0.0.0"), Ipv4.address("0.0.0.0"));
        assertEquals(Option.none(), Ipv4.address("010.1.1.1"));
        assertEquals(Option.none(), Ipv4.address("256.1.1.1"));
        assertEquals(Option.none(), Ipv4.address("1.2.3"));
        assertEquals(Option.none(), Ipv4.address("1.2.3.4."));
        assertEquals(Option.none(), Ipv4.address(" 1.2.3.4"));
        assertEquals(Option.none(), Ipv4.address("1.2.3.+4"));
        assertEquals(Option.none(), Ipv4.address("1.2.3.٤"));
        assertEquals(Option.none(), Ipv4.address(null));
    }

    @Test
    void prefixesAreNetworks() {
        assertEquals(Option.some("198.51.100.0/24"), Ipv4.prefix("198.51.100.0/24"));
        assertEquals(Option.none(), Ipv4.prefix("198.51.100.1/24"));
        assertEquals(Option.none(), Ipv4.prefix("198.51.100.0/33"));
        assertEquals(Option.none(), Ipv4.prefix("198.51.100.0/024"));
        assertEquals(Option.none(), Ipv4.prefix("198.51.100.0/"));
        assertEquals(Option.some("0.0.0.0/0"), Ipv4.prefix("default"));
        assertEquals(Option.some("0.0.0.0/0"), Ipv4.prefix("0.0.0.0/0"));
        assertEquals(Option.some("192.0.2.53/32"), Ipv4.prefix("192.0.2.53"));
    }

    @Test
    void recognisesIpv6() {
        assertTrue(Ipv4.isIpv6("2001:db8::1"));
        assertTrue(Ipv4.isIpv6("::"));
        assertTrue(Ipv4.isIpv6("::ffff:192.0.2.1"));
        assertTrue(Ipv4.isIpv6("2001:db8::/32"));
        assertTrue(Ipv4.isIpv6("1:2:3:4:5:6:7:8"));
        assertFalse(Ipv4.isIpv6("1:2:3:4:5:6:7:8:9"));
        assertFalse(Ipv4.isIpv6("1::2::3"));
        assertFalse(Ipv4.isIpv6("2001:db8::/129"));
        assertFalse(Ipv4.isIpv6("192.0.2.1"));
        assertFalse(Ipv4.isIpv6("eth0:1"));
    }
}
