package mlb.lab;

import mlb.lab.traffic.DownloadReport;
import mlb.lab.traffic.WhoamiReport;
import mlb.proc.Runner;
import mlb.spec.Balancer;
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
 * mlb's route mode on the lab, judged by real packets: the router starts as a one-link router (main default via
 * isp1) with its own NAT table, and mlb is applied, changed and destroyed with its CLI in this process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MlbBalancingIT {
    private static final List<Integer> WEIGHTS = List.of(2, 3, 5);

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

    private LabSpec spec() {
        return LabSpec.of(t).withWeights(WEIGHTS);
    }

    @Test
    @Order(1)
    void l4HashingSpreadsConnectionsByWeight() {
        mlb.applyOrFail(spec(), "weights-2-3-5");
        // Source ports are random, so one fair draw of 600 strays past 5 points about 2 % of the time (binomial
        // spread alone). A second, independent draw makes a false alarm ~0.05 %; a real bias fails both.
        Shares first = sample();
        Shares s = first.worstDeviationPoints() <= 5.0 ? first : sample();
        assertTrue(s.worstDeviationPoints() <= 5.0, "shares " + first.rows() + ", then " + s.rows());
    }

    private Shares sample() {
        Shares s = new Measurements(session).shares(spec(), 600);
        System.out.println("l4 shares of 600: " + s.counts() + ", worst deviation "
                + String.format("%.1f", s.worstDeviationPoints()) + " pt");
        assertEquals(0, s.failed());
        assertEquals(0, s.other());
        return s;
    }

    @Test
    @Order(2)
    void parallelDownloadsFillEveryLink() {
        mlb.applyOrFail(spec(), "weights-2-3-5");
        DownloadReport r = new Measurements(session).downloads(30, 1_000_000, Duration.ofSeconds(60));
        Throughput tp = Throughput.of(r, t);
        System.out.printf("30 x 1 MB: aggregate %.1f of %.1f Mbit/s (%.1f %%), makespan %.2f s vs ideal %.2f s%n",
                tp.aggregateBitsPerSecond() / 1e6, tp.sumOfRatesBitsPerSecond() / 1e6, tp.ofSum() * 100,
                tp.makespanMs() / 1000, tp.idealMs() / 1000);
        assertEquals(0, tp.broken(), "broken: " + r.downloads().stream().filter(d -> !d.complete()).toList());
        assertTrue(tp.ofSum() >= 0.90, "aggregate " + tp.ofSum() + " of the sum of rates: " + tp.rows());
    }

    @Test
    @Order(3)
    void aWeightChangeResetsNoRunningDownload() {
        mlb.applyOrFail(spec(), "weights-2-3-5");
        // About eight seconds of traffic on the whole lab, so the change lands in the middle of every download.
        long bytes = t.totalRate().bytesPerSecond() * 8 / 30;
        LanClient.Pending<DownloadReport> running = session.client()
                .download(30, bytes, t.serverAddresses(), Duration.ofSeconds(60));
        LabProcesses.sleep(3_000);
        long changedAt = System.currentTimeMillis();
        mlb.applyOrFail(LabSpec.of(t).withWeights(List.of(5, 3, 2)), "weights-5-3-2");
        DownloadReport r = running.await();
        double changedMs = changedAt - r.startEpochMs();
        long stillRunning = r.downloads().stream().filter(d -> d.firstByteMs() < changedMs && d.endMs() > changedMs).count();
        System.out.printf("weight change at %.1f s: %d of 30 downloads in flight, %d broken%n", changedMs / 1000,
                stillRunning, r.broken());
        assertTrue(stillRunning >= 20, "the change must land while downloads run: " + stillRunning);
        assertEquals(0, r.broken(), "broken: " + r.downloads().stream().filter(d -> !d.complete()).toList());
    }

    @Test
    @Order(4)
    void l3HashingKeepsOneServerOnOneLink() {
        mlb.applyOrFail(spec().withHash("l3"), "l3");
        WhoamiReport r = new Measurements(session).whoami(200, List.of(t.server()));
        System.out.println("l3, one server, 200 connections: " + r.sources());
        assertEquals(200, r.answered());
        assertEquals(1, r.sources().size(), "all connections to one server share one link: " + r.sources());
    }

    /**
     * hash = "source": every connection of the LAN host, to every server, takes one link (the host's), where l4
     * spreads them (test 1): sticky sources in route mode.
     */
    @Test
    @Order(5)
    void sourceHashingKeepsEveryConnectionOfAHostOnOneLink() {
        mlb.applyOrFail(spec().withHash("source"), "source");
        WhoamiReport r = new Measurements(session).whoami(200, t.serverAddresses());
        System.out.println("source hash, " + t.serverAddresses().size() + " servers, 200 connections: " + r.sources());
        assertEquals(200, r.answered());
        assertEquals(1, r.sources().size(), "one host, one link: " + r.sources());
    }

    @Test
    @Order(6)
    void destroyLeavesNoOwnedObjectAndForeignOnesIntact() {
        RouterMlb.Result o = mlb.destroy();
        assertEquals(0, o.code(), o.err());
        String ns = t.routerNs();
        String proto = String.valueOf(Balancer.DEFAULT_PROTOCOL);
        assertEquals("", ip(ns, "route", "show", "table", "all", "proto", proto));
        assertEquals("", ip(ns, "nexthop", "show"));
        assertTrue(ip(ns, "rule", "show").lines().allMatch(l -> l.matches("(0|32766|32767):\\s.*")),
                "only the kernel's own rules: " + ip(ns, "rule", "show"));
        Runner.Result nat = TestLabs.RUNNER.run(List.of("ip", "netns", "exec", ns, "nft", "list", "table", "ip",
                TopologyScript.NAT_TABLE));
        assertTrue(nat.ok() && nat.stdout().contains("masquerade"), "the lab's own NAT table must stay");
        assertTrue(ip(ns, "route", "show", "default").contains("via 198.18.1.1 dev isp1"), "main's default must stay");
        WhoamiReport r = new Measurements(session).whoami(20, List.of(t.server()));
        assertEquals(Map.of(t.isps().get(0).routerAddress(), 20), r.sources(), "back to a one-link router");
    }

    private static String ip(String ns, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("ip", "-n", ns));
        argv.addAll(List.of(args));
        Runner.Result r = TestLabs.RUNNER.run(argv);
        assertTrue(r.ok(), String.join(" ", argv) + ": " + r.stderr());
        return r.stdout().strip();
    }
}
