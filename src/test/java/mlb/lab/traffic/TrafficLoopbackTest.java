package mlb.lab.traffic;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server and clients against each other on loopback, without namespaces. The clients' address guard is for the
 * command line; here the classes are driven directly with 127.0.0.1, which never leaves the machine.
 */
class TrafficLoopbackTest {
    private TrafficServer server;
    private Thread serving;
    private final InetAddress loopback = InetAddress.getLoopbackAddress();

    @BeforeEach
    void start() throws Exception {
        server = new TrafficServer(loopback, 0);
        serving = new Thread(server::serve);
        serving.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        serving.join(2000);
    }

    @Test
    void whoamiReportsTheSourceAddress() {
        WhoamiReport r = WhoamiClient.run(List.of(loopback), server.port(), 50, 8, Duration.ofSeconds(2));
        assertEquals(50, r.answered());
        assertEquals(50, r.sources().get("127.0.0.1"));
    }

    @Test
    void downloadsDeliverExactlyTheBytesAsked() {
        DownloadReport r = DownloadClient.run(List.of(loopback), server.port(), 4, 300_000, Duration.ofSeconds(10));
        assertEquals(4, r.downloads().size());
        assertEquals(0, r.broken());
        assertEquals(1_200_000, r.bytes());
        assertTrue(r.downloads().stream().allMatch(d -> d.source().equals("127.0.0.1")));
    }

    @Test
    void aPacedDownloadDeliversItsBytesNoFasterThanItsPace() {
        DownloadReport r = DownloadClient.run(List.of(loopback), server.port(), 2, 100_000, Duration.ofSeconds(10),
                DownloadClient.STALL, 200_000);
        assertEquals(200_000, r.bytes());
        // 100 000 bytes at 200 000 a second: half a second each, where loopback unpaced takes a few ms.
        assertTrue(r.downloads().stream().allMatch(d -> d.endMs() - d.firstByteMs() >= 450), r.downloads().toString());
    }

    @Test
    void everyDownloadsProgressIsSampledAtTheBatchsTimes() {
        DownloadReport r = DownloadClient.run(List.of(loopback), server.port(), 2, 100_000, Duration.ofSeconds(10),
                DownloadClient.STALL, 200_000);
        List<Double> times = r.sampledAtMs();
        assertTrue(times.size() >= 2, times.toString()); // one when the batch starts, one when it ends
        for (int i = 1; i < times.size(); i++) assertTrue(times.get(i) >= times.get(i - 1), times.toString());
        for (Download d : r.downloads()) {
            List<Long> p = d.progress();
            assertEquals(times.size(), p.size());
            assertEquals(0L, p.get(0));
            assertEquals(d.received(), p.get(p.size() - 1));
            for (int i = 1; i < p.size(); i++) assertTrue(p.get(i) >= p.get(i - 1), p.toString());
        }
    }

    @Test
    void probesFailWhenNothingListensAndStillEnd() throws Exception {
        int port = server.port();
        server.close();
        ProbeReport r = ProbeClient.run(List.of(loopback), port, Duration.ofMillis(50), Duration.ofMillis(300),
                Duration.ofMillis(200));
        assertEquals(6, r.probes().size());
        assertEquals(6, r.failed());
    }

    @Test
    void reportsSurviveTheirJsonRoundTrip() {
        WhoamiReport r = WhoamiClient.run(List.of(loopback), server.port(), 3, 1, Duration.ofSeconds(2));
        assertEquals(r, Json.read(Json.write(r), WhoamiReport.class));
        DownloadReport d = DownloadClient.run(List.of(loopback), server.port(), 1, 1000, Duration.ofSeconds(5));
        assertEquals(d, Json.read(Json.write(d), DownloadReport.class));
    }
}
