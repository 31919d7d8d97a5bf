package mlb.lab;

import mlb.lab.traffic.WhoamiReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pin in each mode, and in route mode also by a list file (marked by nftables), judged by real packets: every new connection to the pinned server leaves by the pin's first
 * link whatever the weights, and with that link cut and `mlb monitor` running, by the next link of the pin once
 * the monitor has taken the cut one out; after the heal, by the first again. The other servers stay balanced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PinsLabIT {
    private Topology t;
    private LabSession session;
    private RouterMlb mlb;
    private Measurements m;

    @BeforeAll
    void up() {
        TestLabs.assumeRoot();
        t = TestLabs.topology();
        session = LabSession.open(TestLabs.RUNNER, t, true);
        mlb = new RouterMlb(t);
        m = new Measurements(session);
    }

    @AfterAll
    void down() {
        if (session != null) session.close();
    }

    private String pinned() {
        return t.serverAddresses().get(1);
    }

    /** Which link each of count new connections to the pinned server took. */
    private Map<String, Integer> pinnedShares(LabSpec spec, int count) {
        WhoamiReport r = m.whoami(count, List.of(pinned()));
        return Shares.of(r, spec).counts();
    }

    private void awaitLine(LabMonitor monitor, String text, Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (monitor.lines().stream().noneMatch(l -> l.contains(text)) && System.nanoTime() < until) LabProcesses.sleep(50);
        assertTrue(monitor.lines().stream().anyMatch(l -> l.contains(text)), () -> String.join("\n", monitor.lines()));
    }

    /** key: how the pin names the server, dst (an ip rule in route mode) or dst_file (nftables in both modes). */
    @ParameterizedTest
    @CsvSource({"route,dst", "connmark,dst", "route,dst_file"})
    void pinnedConnectionsTakeTheFirstLiveLinkOfThePin(String mode, String key) throws IOException {
        LabSpec spec = LabSpec.of(t).withMode(mode).withWeights(List.of(1, 1, 1));
        Path file = mlb.write(spec, "pinned-" + mode + "-" + key);
        String list = file.getFileName() + ".list";
        Files.writeString(file.resolveSibling(list), "# the pinned server\n" + pinned() + "\n");
        String match = key.equals("dst") ? "dst = [\"" + pinned() + "/32\"]" : "dst_file = \"" + list + "\"";
        Files.writeString(file, Files.readString(file) + "\n[[pin]]\nname = \"server2\"\n" + match + "\n"
                + "links = [\"isp3\", \"isp1\"]\n");
        assertEquals(0, mlb.apply(file).code());
        assertEquals(Map.of("isp1", 0, "isp2", 0, "isp3", 100), pinnedShares(spec, 100));
        assertEquals(3, m.shares(spec, 60).linksUsed(), "the other servers stay balanced");
        Isp isp3 = t.isps().get(2);
        try (LabMonitor monitor = LabMonitor.start(t, file)) {
            session.lab().cut(isp3);
            try {
                awaitLine(monitor, "balancing over isp1, isp2", Duration.ofSeconds(10));
                assertEquals(Map.of("isp1", 100, "isp2", 0, "isp3", 0), pinnedShares(spec, 100), "the pin's next link");
            } finally {
                session.lab().heal(isp3);
            }
            awaitLine(monitor, "balancing over isp1, isp2, isp3", Duration.ofSeconds(10));
            assertEquals(Map.of("isp1", 0, "isp2", 0, "isp3", 100), pinnedShares(spec, 100), "back on its first link");
        }
        assertEquals(0, mlb.destroy().code());
    }
}
