package mlb.monitor;

import io.vavr.control.Option;
import mlb.engine.Refusal;
import mlb.proc.Target;
import mlb.view.Exit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics endpoint's words: a clean address, a warning for a wildcard one, and a busy port as a temporary 75. */
class MetricsEndpointTest {
    private static final Target LAB = Target.netns("lab");

    private static InetSocketAddress at(String host, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    @Test
    void aPortInUseIsATemporaryRefusalWithACleanAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             MonitorMetrics metrics = new MonitorMetrics(Option::none, Clock.systemUTC())) {
            InetSocketAddress same = at("127.0.0.1", taken.getLocalPort());
            IOException e = assertThrows(IOException.class, () -> metrics.serve(same));
            Refusal r = MetricsEndpoint.refusal(same, e, LAB);
            assertEquals("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort() + ": the port is in use", r.message());
            assertEquals(Refusal.Reason.BUSY, r.reason());
            assertEquals(75, Exit.of(r));
            assertTrue(r.context().contains("stop what listens on 127.0.0.1:" + taken.getLocalPort() + " in netns lab, or give"
                    + " another port to --metrics"), r.context()::toString);
        }
    }

    @Test
    void aWildcardAddressIsWarnedAboutAndLoopbackIsNot() throws IOException {
        assertEquals("warning: the metrics on 0.0.0.0:9101 are served on every interface of netns lab (the LAN and the ISP"
                + " side too): link names, states, rtts and traffic counters to anyone who asks; give --metrics 9101 for"
                + " loopback, or the address of one interface", MetricsEndpoint.exposure(at("0.0.0.0", 9101), LAB).get());
        assertTrue(MetricsEndpoint.exposure(at("::", 9101), LAB).get().startsWith("warning: the metrics on [::]:9101 are"));
        assertTrue(MetricsEndpoint.exposure(at("127.0.0.1", 9101), LAB).isEmpty());
        assertTrue(MetricsEndpoint.exposure(at("198.18.0.1", 9101), LAB).isEmpty());
        assertEquals("http://[::1]:9101/metrics", MetricsEndpoint.url(at("::1", 9101)));
        assertEquals("http://[2001:2::1]:9101/metrics", MetricsEndpoint.url(at("2001:2:0:0:0:0:0:1", 9101)));
        assertEquals("http://127.0.0.1:9101/metrics", MetricsEndpoint.url(at("127.0.0.1", 9101)));
    }
}
