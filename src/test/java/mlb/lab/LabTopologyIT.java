package mlb.lab;

import mlb.lab.traffic.Download;
import mlb.lab.traffic.DownloadReport;
import mlb.lab.traffic.WhoamiReport;
import mlb.proc.Runner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab alone, with real packets: no mlb, the router's main table routes through one ISP at a time. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabTopologyIT {
    private Topology t;
    private LabSession session;

    @BeforeAll
    void up() {
        TestLabs.assumeRoot();
        t = TestLabs.topology();
        session = LabSession.open(TestLabs.RUNNER, t, false);
    }

    @AfterAll
    void down() {
        if (session == null) return;
        session.close();
        assertEquals(List.of(), Lab.existing(TestLabs.RUNNER, t.prefix()));
    }

    @Test
    void everyNamespaceExistsAndNoOther() {
        assertEquals(Set(t.namespaces()), Set(Lab.existing(TestLabs.RUNNER, t.prefix())));
    }

    @Test
    void whoamiSeesTheRouterAddressOfTheLinkTaken() {
        for (Isp isp : t.isps()) {
            TestLabs.routeVia(t, isp);
            WhoamiReport r = session.client().whoami(20, t.serverAddresses());
            assertEquals(Map.of(isp.routerAddress(), 20), r.sources(), "via " + isp.name() + ": " + r.errors());
        }
    }

    @Test
    void shapingHoldsOneDownloadToTheLinkRate() {
        for (Isp isp : t.isps()) {
            TestLabs.routeVia(t, isp);
            long bytes = isp.rate().bytesPerSecond() * 2; // two seconds on the line
            DownloadReport r = session.client().download(1, bytes, List.of(t.server()), Duration.ofSeconds(20)).await();
            Download d = r.downloads().get(0);
            assertTrue(d.complete(), d.error());
            double ratio = d.bytesPerSecond() * 8 / isp.rate().bitsPerSecond();
            System.out.printf("shaping %s: %.2f Mbit/s of %s (%.1f %%)%n", isp.name(), d.bytesPerSecond() * 8 / 1e6,
                    isp.rate(), ratio * 100);
            assertTrue(ratio > 0.85 && ratio < 1.15, isp.name() + " ran at " + ratio + " of its rate");
        }
    }

    @Test
    void cutFailsEveryNewFlowAndHealRestoresThem() {
        Isp isp2 = t.isps().get(1);
        TestLabs.routeVia(t, isp2);
        Measurements.CutRun run = new Measurements(session)
                .cut(isp2, Duration.ofMillis(800), Duration.ofMillis(1500), Duration.ofMillis(100));
        System.out.printf("cut %s: before %d/%d failed, during %d/%d, after %d/%d%n", isp2.name(),
                run.before().failed(), run.before().probes(), run.during().failed(), run.during().probes(),
                run.after().failed(), run.after().probes());
        assertEquals(0, run.before().failed());
        // A probe every 100 ms for 1.5 s: 15 on time, fewer when a loaded machine runs the client late. A few are
        // enough to show the cut was probed; what matters is that none of them got through it.
        assertTrue(run.during().probes() >= 3, () -> "probes during the cut: " + run.during());
        // By cause: no probe got an answer through the cut line while it was cut. A probe that started during the
        // cut may still connect once its SYN retransmit (1 s later) meets the healed line, when a loaded machine
        // fires its timeout late: that answer came after the heal, not through the cut.
        double cutDone = run.onProbeClock(run.cutDone()), heal = run.onProbeClock(run.healStart());
        List<mlb.lab.traffic.Probe> throughTheCut = run.report().probes().stream()
                .filter(p -> p.atMs() >= cutDone && p.atMs() < heal && p.ok() && p.atMs() + p.rttMs() < heal).toList();
        assertEquals(List.of(), throughTheCut, "answered through the cut line: " + run.during());
        assertTrue(run.after().probes() >= 5);
        assertEquals(0, run.after().failed());
    }

    @Test
    void aCutIsInvisibleToTheRouter() {
        Isp isp3 = t.isps().get(2);
        session.lab().cut(isp3);
        try {
            assertTrue(session.lab().isCut(isp3));
            Runner.Result link = TestLabs.RUNNER.run(List.of("ip", "-n", t.routerNs(), "link", "show", isp3.name()));
            assertTrue(link.stdout().contains("LOWER_UP"), "carrier must stay up: " + link.stdout());
        } finally {
            session.lab().heal(isp3);
        }
        assertTrue(!session.lab().isCut(isp3));
    }

    private static <T> java.util.Set<T> Set(List<T> l) {
        return new java.util.HashSet<>(l);
    }
}
