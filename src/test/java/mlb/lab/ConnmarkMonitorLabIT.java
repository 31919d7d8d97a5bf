package mlb.lab;

import mlb.proc.Runner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor in connmark mode, with real packets: a cut line leaves the slots map within the monitor's aim,
 * new connections go to the other links, their downloads are never broken, and the line takes new
 * connections again, by its weight, once it is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnmarkMonitorLabIT {
    private Topology t;
    private LabSession session;
    private LabMonitor monitor;
    private Measurements m;

    private LabSpec spec(List<Integer> weights) {
        return LabSpec.of(t).withMode("connmark").withWeights(weights)
                .tuned(new LabSpec.Tuning(List.of(), List.of(), List.of("conntrack_grace = \"3s\"")));
    }

    @BeforeAll
    void up() throws IOException {
        TestLabs.assumeRoot();
        t = TestLabs.topology();
        session = LabSession.open(TestLabs.RUNNER, t, true);
        m = new Measurements(session);
        monitor = TestLabs.monitored(t, "connmark", spec(List.of(1, 1, 1)).toml());
    }

    @AfterAll
    void down() {
        if (monitor != null) monitor.close();
        if (session != null) session.close();
    }

    /** The links the slots map sends new connections to, read from the kernel. */
    private List<String> slotLinks() {
        Runner.Result r = TestLabs.RUNNER.run(List.of("ip", "netns", "exec", t.routerNs(), "nft", "list", "map", "inet", "mlb", "slots"));
        assertTrue(r.ok(), r.stderr());
        return java.util.regex.Pattern.compile("jump link_(\\w+)").matcher(r.stdout()).results()
                .map(x -> x.group(1)).distinct().sorted().toList();
    }

    private void awaitSlots(List<String> want, Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (!slotLinks().equals(want) && System.nanoTime() < until) LabProcesses.sleep(50);
        assertEquals(want, slotLinks(), () -> String.join("\n", monitor.lines()));
    }

    @Test
    @Order(1)
    void aCutLineLeavesTheSlotsAndTheOtherLinksDownloadsSurvive() {
        awaitSlots(List.of("isp1", "isp2", "isp3"), Duration.ofSeconds(5));
        Measurements.FailoverRun run = m.failover(t.isps().get(1), Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMillis(100), 12);
        Outages during = run.cut().during();
        double span = during.spanMs(run.cut().report().intervalMs());
        Map<String, long[]> broken = run.brokenPerLink(t);
        System.out.printf("connmark failover: new connections failed for %.0f ms (%d of %d probes); downloads broken per link %s%n",
                span, during.failed(), during.probes(), broken.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[0]
                        + "/" + e.getValue()[1]).toList());
        assertTrue(span <= 2000, () -> "new connections failed for " + span + " ms\n" + String.join("\n", monitor.lines()));
        assertEquals(List.of(), run.cut().brokenAfterHeal(), () -> String.join("\n", monitor.lines()));
        assertEquals(0, broken.get("isp1")[0], "isp1's downloads");
        assertEquals(0, broken.get("isp3")[0], "isp3's downloads");
    }

    @Test
    @Order(2)
    void theLineTakesNewConnectionsByItsWeightOnceItIsBack() {
        awaitSlots(List.of("isp1", "isp2", "isp3"), Duration.ofSeconds(5));
        assertEquals(Map.of("isp1", 100, "isp2", 100, "isp3", 100), m.shares(spec(List.of(1, 1, 1)), 300).counts());
    }

    @Test
    @Order(3)
    void whileALineIsOutItsShareGoesToTheOthers() {
        session.lab().cut(t.isps().get(2));
        try {
            awaitSlots(List.of("isp1", "isp2"), Duration.ofSeconds(3));
            // isp3's slots go to isp1 and isp2 in turn: 30 each per cycle of 60, within a slot over any 200
            Map<String, Integer> counts = m.shares(spec(List.of(1, 1, 1)), 200).counts();
            assertEquals(0, counts.get("isp3"));
            assertTrue(Math.abs(counts.get("isp1") - 100) <= 1, counts.toString());
        } finally {
            session.lab().heal(t.isps().get(2));
        }
        awaitSlots(List.of("isp1", "isp2", "isp3"), Duration.ofSeconds(5));
    }

    @Test
    @Order(4)
    void aClientThatRetriesLikeARealOneLosesNoConnectionAcrossACut() {
        awaitSlots(List.of("isp1", "isp2", "isp3"), Duration.ofSeconds(5));
        Measurements.CutRun run = m.cut(t.isps().get(1), Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMillis(100),
                Duration.ofSeconds(10));
        long slow = run.report().probes().stream().filter(p -> p.ok() && p.rttMs() > 900).count();
        System.out.printf("connmark cut with a retrying client: %d of %d attempts failed, %d delayed by a retransmit%n",
                run.report().probes().stream().filter(p -> !p.ok()).count(), run.report().probes().size(), slow);
        assertEquals(List.of(), run.report().probes().stream().filter(p -> !p.ok()).map(p -> p.atMs() + " " + p.error()).toList(),
                () -> String.join("\n", monitor.lines()));
    }

    /**
     * The ISP's side of the router's isp2 line goes down, so the router loses carrier on isp2: the kernel's link
     * event takes isp2 out of the slots at once, and when the carrier returns its table and rules are written
     * again at once, so its probes answer and bring it back within the up hysteresis.
     */
    @Test
    @Order(5)
    void carrierLossLeavesTheSlotsAtOnceAndCarrierBackRestoresTheLinkWithinSeconds() {
        awaitSlots(List.of("isp1", "isp2", "isp3"), Duration.ofSeconds(5));
        Isp isp2 = t.isps().get(1);
        long down = System.nanoTime();
        session.lab().carrier(isp2, false);
        try {
            awaitSlots(List.of("isp1", "isp3"), Duration.ofSeconds(3));
            double out = (System.nanoTime() - down) / 1e9;
            LabProcesses.sleep(1000);
            assertTrue(monitor.lines().stream().anyMatch(l -> l.contains("isp2 down: carrier lost on isp2")),
                    () -> String.join("\n", monitor.lines()));
            long up = System.nanoTime();
            session.lab().carrier(isp2, true);
            awaitSlots(List.of("isp1", "isp2", "isp3"), Duration.ofSeconds(10));
            double back = (System.nanoTime() - up) / 1e9;
            System.out.printf("carrier: isp2 out of the slots %.2f s after its carrier dropped, back %.2f s after it returned%n",
                    out, back);
            // By cause, not by the clock: the carrier event took it out (the probes would say "rounds lost"), and
            // it came back within awaitSlots' 10 s, where before the link's table waited a minute for a kernel check.
            assertTrue(monitor.lines().stream().anyMatch(l -> l.startsWith("carrier back on isp2") || l.contains(" carrier back on isp2")),
                    () -> String.join("\n", monitor.lines()));
        } finally {
            session.lab().carrier(isp2, true);
        }
    }
}
