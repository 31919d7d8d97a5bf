package mlb.monitor.probe;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The socket probes against servers in this JVM on 127.0.0.1; no root needed. */
class ProbesTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final ProbeLink LO = new ProbeLink("lo", "lo", LOOPBACK);
    static final Duration TIMEOUT = Duration.ofMillis(400);

    @TempDir
    static Path tmp;
    static TestServers.Tcp tcp;
    static TestServers.Tcp silent;
    static TestServers.Http http;
    static TestServers.Http https;
    static TestServers.Dns dns;
    static NetworkProbe probe;

    @BeforeAll
    static void start() throws Exception {
        tcp = new TestServers.Tcp(LOOPBACK, 0, false);
        silent = new TestServers.Tcp(LOOPBACK, 0, true);
        http = TestServers.Http.plain(LOOPBACK, 0);
        https = TestServers.Http.tls(LOOPBACK, 0, TestServers.keystore(tmp));
        dns = new TestServers.Dns(LOOPBACK, 0);
        probe = new NetworkProbe();
    }

    @AfterAll
    static void stop() throws IOException {
        for (AutoCloseable c : List.<AutoCloseable>of(tcp, silent, http, https, dns, probe)) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    /**
     * A probe whose outcome has a cause of its own (an answer, a refusal, an untrusted certificate): the timeout
     * only bounds it, so it is long, and a loaded machine (a cold TLS handshake took over 400 ms) cannot turn the
     * cause into a timeout. The timeouts themselves are tested with {@link #timed}.
     */
    static Outcome attempt(ProbeTarget t) {
        return probe.attempt(LO, t, CAUSE_TIMEOUT);
    }

    static final Duration CAUSE_TIMEOUT = Duration.ofSeconds(10);

    static void assertFailed(String reason, Outcome o) {
        assertEquals(new Outcome.Failed(reason), o);
    }

    /** Runs the probe, checks it took no more than the timeout plus 100 ms, and returns its outcome. */
    /**
     * The attempt, which must end within its timeout and 100 ms, plus what the machine adds: a sleep as long as the
     * timeout just before and just after shows how late a thread that waits that long wakes up now (under load, by
     * hundreds of ms), so a slow machine is not taken for a probe overrunning its timeout.
     */
    static Outcome timed(ProbeTarget t) {
        long lateBefore = oversleptMs(TIMEOUT.toMillis());
        long start = System.nanoTime();
        Outcome o = probe.attempt(LO, t, TIMEOUT);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        long late = Math.max(lateBefore, oversleptMs(TIMEOUT.toMillis()));
        assertTrue(tookMs <= TIMEOUT.toMillis() + 100 + late, "took " + tookMs + " ms (a sleep overslept by " + late + " ms)");
        return o;
    }

    private static long oversleptMs(long ms) {
        long start = System.nanoTime();
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Math.max(0, (System.nanoTime() - start) / 1_000_000 - ms);
    }

    @Test
    void tcpAnswersWhenTheHandshakeCompletes() {
        assertInstanceOf(Outcome.Answered.class, attempt(new ProbeTarget.Tcp(LOOPBACK, tcp.port())));
    }

    @Test
    void aRefusedConnectionIsAFailure() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            closed = s.getLocalPort();
        }
        assertFailed("connection refused", attempt(new ProbeTarget.Tcp(LOOPBACK, closed)));
    }

    @Test
    void aSourceAddressTheHostDoesNotHaveCannotBind() {
        ProbeLink gone = new ProbeLink("gone", "lo", address("198.18.250.1"));
        Outcome o = probe.attempt(gone, new ProbeTarget.Tcp(LOOPBACK, tcp.port()), TIMEOUT);
        assertEquals(new Outcome.Failed("cannot bind to 198.18.250.1: cannot assign requested address"), o);
    }

    @Test
    void aConnectThatIsNeverAnsweredTimesOut() throws IOException {
        // A listener that never accepts and has a full backlog drops further SYNs: the connect hangs.
        try (ServerSocket full = new ServerSocket(0, 1, LOOPBACK)) {
            List<Socket> filling = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        filling.add(s);
                    } catch (IOException e) {
                        s.close();
                        break;
                    }
                }
                assertFailed("timeout", timed(new ProbeTarget.Tcp(LOOPBACK, full.getLocalPort())));
            } finally {
                for (Socket s : filling) s.close();
            }
        }
    }

    @Test
    void httpAnswersTheExpectedStatusAndSendsHost() {
        ProbeTarget.Http t = ProbeTarget.Http.plain(LOOPBACK, http.port(), "/health");
        assertInstanceOf(Outcome.Answered.class, attempt(t));
        assertEquals("127.0.0.1:" + http.port(), http.hosts.get(http.hosts.size() - 1));
    }

    @Test
    void anotherStatusIsAFailureNamingIt() {
        assertFailed("http 503", attempt(ProbeTarget.Http.plain(LOOPBACK, http.port(), "/status/503")));
        assertInstanceOf(Outcome.Answered.class,
                attempt(ProbeTarget.Http.plain(LOOPBACK, http.port(), "/status/503").withExpect(503)));
    }

    @Test
    void aConfiguredHostHeaderIsSent() {
        attempt(new ProbeTarget.Http(LOOPBACK, http.port(), "/", "health.example", 200, ProbeTarget.Tls.NONE));
        assertEquals("health.example:" + http.port(), http.hosts.get(http.hosts.size() - 1));
    }

    @Test
    void aServerThatNeverAnswersTimesOutAtTheDeadline() {
        assertFailed("timeout", timed(ProbeTarget.Http.plain(LOOPBACK, silent.port(), "/")));
    }

    @Test
    void somethingElseThanHttpIsNamedAsSuch() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 5, LOOPBACK)) {
            TestServers.daemon(() -> {
                try (Socket c = s.accept()) {
                    c.getOutputStream().write("SSH-2.0-OpenSSH\r\n".getBytes());
                } catch (IOException e) {
                    // The probe is gone.
                }
            });
            assertFailed("not an http response: SSH-2.0-OpenSSH", attempt(ProbeTarget.Http.plain(LOOPBACK, s.getLocalPort(), "/")));
        }
    }

    @Test
    void httpsToAnAddressSkipsTheCertificateAndSendsNoSni() {
        ProbeTarget.Http t = ProbeTarget.Http.https(LOOPBACK, https.port(), "/", Optional.empty());
        assertEquals(ProbeTarget.Tls.NO_VERIFY, t.tls());
        assertInstanceOf(Outcome.Answered.class, attempt(t));
        assertEquals(Optional.empty(), https.sni.get(https.sni.size() - 1));
    }

    @Test
    void httpsToANameSendsSniAndChecksTheCertificate() {
        ProbeTarget.Http t = ProbeTarget.Http.https(LOOPBACK, https.port(), "/", Optional.of("probe.test"));
        assertEquals(ProbeTarget.Tls.VERIFY, t.tls());
        assertFailed("tls: certificate not trusted", attempt(t));
        assertEquals("probe.test", https.sniAsked.get(https.sniAsked.size() - 1));
    }

    @Test
    void httpsSendsSniWithoutCheckingWhenToldNotTo() {
        attempt(new ProbeTarget.Http(LOOPBACK, https.port(), "/", "probe.test", 200, ProbeTarget.Tls.NO_VERIFY));
        assertEquals(Optional.of("probe.test"), https.sni.get(https.sni.size() - 1));
        assertEquals("probe.test:" + https.port(), https.hosts.get(https.hosts.size() - 1));
    }

    @Test
    void httpsAgainstASilentServerTimesOut() {
        assertFailed("timeout", timed(ProbeTarget.Http.https(LOOPBACK, silent.port(), "/", Optional.empty())));
    }

    @Test
    void dnsAnswersNoerrorAndNxdomain() {
        assertInstanceOf(Outcome.Answered.class, attempt(dnsTarget("example.test", ProbeTarget.RecordType.A)));
        assertInstanceOf(Outcome.Answered.class, attempt(dnsTarget("nx.example.test", ProbeTarget.RecordType.AAAA)));
        assertInstanceOf(Outcome.Answered.class, attempt(dnsTarget(".", ProbeTarget.RecordType.NS)));
    }

    @Test
    void dnsFailsOnOtherRcodes() {
        assertFailed("dns rcode 2", attempt(dnsTarget("fail.example.test", ProbeTarget.RecordType.SOA)));
    }

    @Test
    void aReplyWithAnotherIdIsIgnored() {
        assertInstanceOf(Outcome.Answered.class, attempt(dnsTarget("wrongid.example.test", ProbeTarget.RecordType.A)));
        assertFailed("timeout", timed(dnsTarget("onlywrong.example.test", ProbeTarget.RecordType.A)));
    }

    @Test
    void aSilentResolverTimesOut() {
        assertFailed("timeout", timed(dnsTarget("silent.example.test", ProbeTarget.RecordType.A)));
    }

    @Test
    void aClosedDnsPortIsReportedByTheKernel() {
        int closed;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, LOOPBACK)) {
            closed = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertFailed("port unreachable", attempt(new ProbeTarget.Dns(LOOPBACK, closed, "example.test", ProbeTarget.RecordType.A)));
    }

    static ProbeTarget.Dns dnsTarget(String name, ProbeTarget.RecordType type) {
        return new ProbeTarget.Dns(LOOPBACK, dns.port(), name, type);
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
