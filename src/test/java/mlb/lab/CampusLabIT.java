package mlb.lab;

import mlb.lab.traffic.DownloadReport;
import mlb.proc.Runner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The five-WAN campus of the OpenWrt recipe (specs/openwrt-five-wan.toml) with real packets: five macvlans on one
 * campus network behind one gateway, equal rates, connmark wrr with equal weights. New connections take the WANs
 * in turn, each link's downloads are shaped by its address in the campus, a cut of one link leaves the others
 * alone and mlb monitor takes it out of the slots, and the lab leaves no namespace behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampusLabIT {
    private static final Pattern CLASS_BYTES = Pattern.compile("class htb 1:(\\d+) [^\n]*\n Sent (\\d+) bytes");

    private Topology t;
    private LabSession session;
    private Measurements m;
    private LabSpec spec;
    private Path specFile;

    @BeforeAll
    void up() throws IOException {
        TestLabs.assumeRoot();
        t = Topology.campus(TestLabs.prefix(), Collections.nCopies(5, Rate.mbit(8)));
        session = LabSession.open(TestLabs.RUNNER, t, true);
        m = new Measurements(session);
        // The recipe's marks 1..5 in a small mask, and equal weights as its equal bandwidths give.
        spec = LabSpec.of(t).withMode("connmark").withWeights(List.of(1, 1, 1, 1, 1))
                .tuned(new LabSpec.Tuning(List.of("mark_mask = 0x0000000f"), List.of(), List.of()));
        specFile = new RouterMlb(t).write(spec, "campus");
        RouterMlb.Result applied = new RouterMlb(t).apply(specFile);
        assertEquals(0, applied.code(), applied.err());
    }

    @AfterAll
    void down() {
        if (session == null) return;
        session.close();
        assertEquals(List.of(), Lab.existing(TestLabs.RUNNER, t.prefix()));
    }

    /** cut, heal, status and spec find the running campus from the kernel alone. */
    @Test
    @Order(0)
    void theRunningLabIsDiscoveredAsACampus() {
        assertEquals(t, Lab.discover(TestLabs.RUNNER, t.prefix()));
    }

    @Test
    @Order(1)
    void sixHundredNewConnectionsTakeTheFiveWansInTurn() {
        Shares s = m.shares(spec, 600);
        System.out.println("campus, five macvlans behind one gateway, connmark wrr 1:1:1:1:1, 600 connections: " + s.counts());
        assertEquals(0, s.failed());
        assertEquals(0, s.other());
        assertEquals(Map.of("isp1", 120, "isp2", 120, "isp3", 120, "isp4", 120, "isp5", 120), s.counts());
    }

    /**
     * Every link's downloads pass its own htb class in the campus (the class counted at least the bytes the
     * client received by that link's address) and arrive at no more than its rate: unshaped, a veth carries
     * them at hundreds of Mbit/s.
     */
    @Test
    @Order(2)
    void eachLinksDownloadsAreShapedToItsRateByItsAddress() {
        Map<Integer, Long> before = classBytes();
        DownloadReport r = session.client().download(10, 1_000_000, t.serverAddresses(), Duration.ofSeconds(30)).await();
        Map<Integer, Long> after = classBytes();
        Throughput tp = Throughput.of(r, t);
        System.out.println("campus downloads, 10 x 1 MB: " + tp.rows().stream().map(x -> String.format(java.util.Locale.ROOT,
                "%s %d B %.1f Mbit/s", x.link(), x.bytes(), x.bitsPerSecond() / 1e6)).toList());
        assertEquals(0, r.broken());
        for (Throughput.Row row : tp.rows()) {
            int k = t.isp(row.link()).orElseThrow().index();
            assertEquals(2, row.downloads(), row.toString());
            assertTrue(after.get(k) - before.get(k) >= row.bytes(), row.link() + ": class 1:" + k + " counted "
                    + (after.get(k) - before.get(k)) + " bytes of " + row.bytes());
            assertTrue(row.ofRate() <= 1.05, row.link() + " above its rate: " + row);
        }
    }

    @Test
    @Order(3)
    void aCutLinkLeavesTheSlotsAndTheOthersTakeItsConnections() {
        Isp isp3 = t.isps().get(2);
        try (LabMonitor monitor = LabMonitor.start(t, specFile)) {
            awaitSlots(List.of("isp1", "isp2", "isp3", "isp4", "isp5"), Duration.ofSeconds(5), monitor);
            session.lab().cut(isp3);
            try {
                assertTrue(session.lab().isCut(isp3));
                awaitSlots(List.of("isp1", "isp2", "isp4", "isp5"), Duration.ofSeconds(5), monitor);
                Shares s = m.shares(spec, 200);
                System.out.println("campus with isp3 cut, 200 connections: " + s.counts());
                assertEquals(0, s.failed());
                assertEquals(0, s.counts().get("isp3"));
                for (String other : List.of("isp1", "isp2", "isp4", "isp5")) {
                    assertTrue(Math.abs(s.counts().get(other) - 50) <= 1, s.counts().toString());
                }
                // The cut took only isp3: no other link had a verdict of down.
                assertEquals(List.of(), monitor.lines().stream().filter(l -> l.matches(".* isp[1245] down: .*")).toList());
            } finally {
                session.lab().heal(isp3);
            }
            awaitSlots(List.of("isp1", "isp2", "isp3", "isp4", "isp5"), Duration.ofSeconds(10), monitor);
        }
    }

    /**
     * On a campus the links share one wire, so a link's "carrier" is its macvlan set down: the monitor takes it out
     * of the slots at the kernel's link event, and once it is up again writes its table back and returns it.
     */
    @Test
    @Order(4)
    void aMacvlanSetDownLeavesTheSlotsAndComesBackWhenUp() {
        Isp isp2 = t.isps().get(1);
        try (LabMonitor monitor = LabMonitor.start(t, specFile)) {
            awaitSlots(List.of("isp1", "isp2", "isp3", "isp4", "isp5"), Duration.ofSeconds(5), monitor);
            session.lab().carrier(isp2, false);
            try {
                awaitSlots(List.of("isp1", "isp3", "isp4", "isp5"), Duration.ofSeconds(3), monitor);
            } finally {
                session.lab().carrier(isp2, true);
            }
            awaitSlots(List.of("isp1", "isp2", "isp3", "isp4", "isp5"), Duration.ofSeconds(10), monitor);
            System.out.println("campus, isp2's macvlan down and up:\n" + String.join("\n", monitor.lines()));
            // By cause: the kernel's link event took it out, and its return brought the table back.
            assertTrue(monitor.lines().stream().anyMatch(l -> l.contains("isp2 down: carrier lost on isp2")),
                    () -> String.join("\n", monitor.lines()));
            assertTrue(monitor.lines().stream().anyMatch(l -> l.contains(" carrier back on isp2")),
                    () -> String.join("\n", monitor.lines()));
            assertEquals(Map.of("isp1", 20, "isp2", 20, "isp3", 20, "isp4", 20, "isp5", 20), m.shares(spec, 100).counts());
        }
    }

    /** Bytes each link's htb class in the campus has sent, by link number. */
    private Map<Integer, Long> classBytes() {
        // Text: this iproute2 prints htb classes without JSON.
        Runner.Result r = TestLabs.RUNNER.run(List.of("tc", "-s", "-n", t.campusNs(), "class", "show", "dev",
                Topology.ISP_ROUTER_DEV));
        assertTrue(r.ok(), r.stderr());
        Map<Integer, Long> bytes = new HashMap<>();
        Matcher x = CLASS_BYTES.matcher(r.stdout());
        while (x.find()) bytes.put(Integer.parseInt(x.group(1)), Long.parseLong(x.group(2)));
        assertEquals(5, bytes.size(), r.stdout());
        return bytes;
    }

    /** The links the slots map sends new connections to, read from the kernel. */
    private List<String> slotLinks() {
        Runner.Result r = TestLabs.RUNNER.run(List.of("ip", "netns", "exec", t.routerNs(), "nft", "list", "map", "inet", "mlb", "slots"));
        assertTrue(r.ok(), r.stderr());
        return Pattern.compile("jump link_(\\w+)").matcher(r.stdout()).results().map(x -> x.group(1)).distinct().sorted().toList();
    }

    private void awaitSlots(List<String> want, Duration within, LabMonitor monitor) {
        long until = System.nanoTime() + within.toNanos();
        while (!slotLinks().equals(want) && System.nanoTime() < until) LabProcesses.sleep(50);
        assertEquals(want, slotLinks(), () -> String.join("\n", monitor.lines()));
    }
}
