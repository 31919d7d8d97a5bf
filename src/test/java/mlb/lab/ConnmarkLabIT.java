package mlb.lab;

import mlb.lab.traffic.DownloadReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mlb's connmark mode on the lab, judged by real packets: new connections from the LAN are shared exactly by
 * weight (wrr: every full cycle of slots gives each link its weight), a weight change applies from the next
 * connection without breaking running downloads, and destroy leaves the router as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnmarkLabIT {
    private Topology t;
    private LabSession session;
    private RouterMlb mlb;

    @BeforeAll
    void up() {
        TestLabs.assumeRoot();
        t = TestLabs.topology();
        session = LabSession.open(TestLabs.RUNNER, t, true);
        mlb = new RouterMlb(t);
    }

    @AfterAll
    void down() {
        if (session == null) return;
        session.close();
        assertEquals(List.of(), Lab.existing(TestLabs.RUNNER, t.prefix()));
    }

    private LabSpec spec(List<Integer> weights) {
        return LabSpec.of(t).withMode("connmark").withWeights(weights);
    }

    @Test
    @Order(1)
    void wrrSharesNewConnectionsExactlyByWeight() {
        mlb.applyOrFail(spec(List.of(1, 2, 3)), "connmark-1-2-3");
        assertEquals(Map.of("isp1", 100, "isp2", 200, "isp3", 300), shares(600));
    }

    @Test
    @Order(2)
    void reversedWeightsApplyFromTheNextConnection() {
        mlb.applyOrFail(spec(List.of(3, 2, 1)), "connmark-3-2-1");
        assertEquals(Map.of("isp1", 300, "isp2", 200, "isp3", 100), shares(600));
    }

    @Test
    @Order(3)
    void aWeightChangeBreaksNoRunningDownload() {
        mlb.applyOrFail(spec(List.of(2, 3, 5)), "connmark-2-3-5");
        long bytes = t.totalRate().bytesPerSecond() * 8 / 30;
        LanClient.Pending<DownloadReport> running = session.client()
                .download(30, bytes, t.serverAddresses(), Duration.ofSeconds(60));
        LabProcesses.sleep(3_000);
        mlb.applyOrFail(spec(List.of(5, 3, 2)), "connmark-5-3-2");
        DownloadReport r = running.await();
        System.out.printf("connmark weight change under 30 downloads: %d broken%n", r.broken());
        assertEquals(0, r.broken(), "broken: " + r.downloads().stream().filter(d -> !d.complete()).toList());
    }

    @Test
    @Order(4)
    void randomSharesFollowTheWeightsWithinBinomialSpread() throws java.io.IOException {
        java.nio.file.Path random = mlb.write(spec(List.of(1, 2, 3)), "connmark-random");
        java.nio.file.Files.writeString(random, java.nio.file.Files.readString(random)
                .replace("mode = \"connmark\"\n", "mode = \"connmark\"\ndistribution = \"random\"\n"));
        assertEquals(0, mlb.apply(random).code());
        // 600 independent draws stray past 5 points about 1 % of the time per link; a second draw makes a false
        // alarm rare, while a real bias fails both.
        Shares first = new Measurements(session).shares(spec(List.of(1, 2, 3)), 600);
        Shares s = first.worstDeviationPoints() <= 5.0 ? first : new Measurements(session).shares(spec(List.of(1, 2, 3)), 600);
        System.out.println("connmark random shares of 600 at 1:2:3: " + first.counts() + (s == first ? "" : ", then " + s.counts()));
        assertEquals(0, s.failed());
        assertTrue(s.worstDeviationPoints() <= 5.0, "shares " + first.rows() + ", then " + s.rows());
    }

    @Test
    @Order(4)
    void ftpDataConnectionsLeaveByTheirControlConnectionsLinkWithTheHelperOnly() throws java.io.IOException {
        mlb.applyOrFail(spec(List.of(1, 1, 1)), "connmark-ftp");
        var with = session.client().ftp(20);
        System.out.println("ftp with the helper: " + with);
        assertEquals(new mlb.lab.traffic.FtpClient.Report(20, 20, 0, Map.of()), with);
        java.nio.file.Path bare = mlb.write(spec(List.of(1, 1, 1)), "connmark-no-helper");
        java.nio.file.Files.writeString(bare, java.nio.file.Files.readString(bare).replace("helpers = [\"ftp\"]\n", ""));
        assertEquals(0, mlb.apply(bare).code());
        var without = session.client().ftp(20);
        System.out.println("ftp without the helper: " + without);
        assertEquals(20, without.different(), "wrr 1:1:1 gives each new connection the next link: " + without);
    }

    /** A pin on the servers' port to isp3 first: every new connection to it leaves by isp3, whatever the weights. */
    @Test
    @Order(5)
    void pinnedConnectionsLeaveByTheirLink() throws java.io.IOException {
        java.nio.file.Path pinned = mlb.write(spec(List.of(1, 1, 1)), "connmark-pinned");
        java.nio.file.Files.writeString(pinned, java.nio.file.Files.readString(pinned) + "\n[[pin]]\nname = \"lab\"\nproto = \"tcp\"\n"
                + "dport = [" + Topology.PORT + "]\nlinks = [\"isp3\", \"balance\"]\n");
        assertEquals(0, mlb.apply(pinned).code());
        assertEquals(Map.of("isp1", 0, "isp2", 0, "isp3", 100), shares(100));
    }

    @Test
    @Order(6)
    void destroyLeavesTheRoutersOwnNatAndNoMlbTable() {
        assertEquals(0, mlb.destroy().code());
        var tables = TestLabs.RUNNER.run(List.of("ip", "netns", "exec", t.routerNs(), "nft", "list", "tables"));
        assertTrue(tables.ok(), tables.stderr());
        assertTrue(!tables.stdout().contains("inet mlb") && tables.stdout().contains(TopologyScript.NAT_TABLE), tables.stdout());
        assertEquals(Map.of("isp1", 20, "isp2", 0, "isp3", 0), shares(20), "back to a one-link router");
    }

    private Map<String, Integer> shares(int count) {
        Shares s = new Measurements(session).shares(spec(List.of(1, 1, 1)), count);
        System.out.println("connmark shares of " + count + ": " + s.counts());
        assertEquals(0, s.failed());
        assertEquals(0, s.other());
        return s.counts();
    }

    /** The campus recipe's shape: five equal WANs, new connections in turn (its nth), marks 1..5 in a small mask. */
    @Test
    @Order(7)
    void fiveEqualWansTakeOneFifthEachExactly() {
        Topology five = Topology.of(TestLabs.prefix(), java.util.Collections.nCopies(5, Rate.mbit(20)));
        try (LabSession lab = LabSession.open(TestLabs.RUNNER, five, true)) {
            LabSpec spec = LabSpec.of(five).withMode("connmark").tuned(new LabSpec.Tuning(List.of("mark_mask = 0x0000000f"),
                    List.of(), List.of()));
            new RouterMlb(five).applyOrFail(spec, "five-wan");
            Shares s = new Measurements(lab).shares(spec, 600);
            System.out.println("five equal WANs, connmark wrr, 600 connections: " + s.counts());
            assertEquals(0, s.failed());
            assertEquals(Map.of("isp1", 120, "isp2", 120, "isp3", 120, "isp4", 120, "isp5", 120), s.counts());
        }
    }
}
