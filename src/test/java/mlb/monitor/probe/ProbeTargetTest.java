package mlb.monitor.probe;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbeTargetTest {
    static final InetAddress T = ProbesTest.address("198.19.0.1");

    @Test
    void describeIsShortAndSaysWhatIsProbed() {
        assertEquals("icmp 198.19.0.1", new ProbeTarget.Icmp(T).describe());
        assertEquals("tcp 198.19.0.1:443", new ProbeTarget.Tcp(T, 443).describe());
        assertEquals("http 198.19.0.1:80/health", ProbeTarget.Http.plain(T, 80, "/health").describe());
        assertEquals("https 198.19.0.1:443/", ProbeTarget.Http.https(T, 443, "/", Optional.empty()).describe());
        assertEquals("dns 198.19.0.1:53 . NS", ProbeTarget.Dns.of(T, ".", ProbeTarget.RecordType.NS).describe());
        assertEquals("tcp [2001:db8:0:0:0:0:0:1]:443", new ProbeTarget.Tcp(ProbesTest.address("2001:db8::1"), 443).describe());
    }

    @Test
    void theRequestIsOneGetWithHostAndClose() {
        ProbeTarget.Http t = new ProbeTarget.Http(T, 8080, "/health?x=1", "health.example", 204, ProbeTarget.Tls.NONE);
        assertEquals("GET /health?x=1 HTTP/1.1\r\nHost: health.example:8080\r\nUser-Agent: mlb-monitor\r\nAccept: */*\r\n"
                + "Connection: close\r\n\r\n", new String(HttpProbe.request(t), StandardCharsets.US_ASCII));
        assertEquals("198.19.0.1", ProbeTarget.Http.plain(T, 80, "/").hostHeader());
        assertEquals("probe.test", ProbeTarget.Http.https(T, 443, "/", Optional.of("probe.test")).hostHeader());
        assertEquals("[2001:db8:0:0:0:0:0:1]:8443", ProbeTarget.Http.https(ProbesTest.address("2001:db8::1"), 8443, "/", Optional.empty()).hostHeader());
    }

    @Test
    void onlyNamesAreNames() {
        assertTrue(ProbeTarget.Http.https(T, 443, "/", Optional.of("probe.test")).hostIsName());
        assertFalse(ProbeTarget.Http.https(T, 443, "/", Optional.empty()).hostIsName());
        assertFalse(ProbeTarget.Http.https(ProbesTest.address("2001:db8::1"), 443, "/", Optional.empty()).hostIsName());
    }

    @Test
    void whatCannotBeSentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.Http.plain(T, 80, "health"));
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.Http.plain(T, 80, "/a b"));
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.Http.plain(T, 80, "/\r\nX: y"));
        assertThrows(IllegalArgumentException.class, () -> new ProbeTarget.Http(T, 80, "/", "a\r\nb", 200, ProbeTarget.Tls.NONE));
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.Http.plain(T, 80, "/").withExpect(99));
        assertThrows(IllegalArgumentException.class, () -> new ProbeTarget.Tcp(T, 0));
        assertThrows(IllegalArgumentException.class, () -> new ProbeTarget.Tcp(T, 65536));
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.Dns.of(T, "a..b", ProbeTarget.RecordType.A));
        assertThrows(IllegalArgumentException.class, () -> new ProbeLink("x", "wan 1", T));
        assertThrows(IllegalArgumentException.class, () -> new ProbeLink(" ", "wan1", T));
    }
}
