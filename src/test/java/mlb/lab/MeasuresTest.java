package mlb.lab;

import mlb.lab.traffic.Download;
import mlb.lab.traffic.DownloadReport;
import mlb.lab.traffic.Probe;
import mlb.lab.traffic.ProbeReport;
import mlb.lab.traffic.WhoamiReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shares, Throughput and Outages: how raw client reports become the lab's figures. */
class MeasuresTest {
    private final Topology t = Topology.of("mlb", List.of(Rate.mbit(20), Rate.mbit(30), Rate.mbit(50)));

    @Test
    void sharesAttributeConnectionsToLinksBySourceAddress() {
        WhoamiReport r = new WhoamiReport(100, 98,
                Map.of("198.18.1.2", 20, "198.18.2.2", 27, "198.18.3.2", 50, "10.77.0.2", 1), Map.of("timeout", 2), 10);
        Shares s = Shares.of(r, LabSpec.of(t));
        assertEquals(List.of(20, 27, 50), s.rows().stream().map(Shares.Row::count).toList());
        assertEquals(0.3, s.rows().get(1).expected(), 1e-9);
        assertEquals(3.0, s.worstDeviationPoints(), 1e-9);
        assertEquals(1, s.other());
        assertEquals(2, s.failed());
        assertEquals(3, s.linksUsed());
    }

    @Test
    void throughputPerLinkIsBytesOverItsBusyTime() {
        List<Download> d = List.of(
                new Download(0, "198.19.0.1", "198.18.1.2", 2_500_000, 2_500_000, 0, 0, 1000, ""),
                new Download(1, "198.19.0.1", "198.18.3.2", 2_500_000, 2_500_000, 0, 500, 1000, ""),
                new Download(2, "198.19.0.1", "198.18.3.2", 2_500_000, 1_000_000, 0, 500, 1500, "short"));
        Throughput tp = Throughput.of(new DownloadReport(0, 1500, d), t);
        assertEquals(20e6, tp.rows().get(0).bitsPerSecond(), 1);
        assertEquals(0, tp.rows().get(1).bitsPerSecond(), 1);
        assertEquals(28e6, tp.rows().get(2).bitsPerSecond(), 1); // 3.5 MB in 1 s
        assertEquals(48e6, tp.aggregateBitsPerSecond(), 1);
        assertEquals(0.48, tp.ofSum(), 1e-9);
        assertEquals(480, tp.idealMs(), 1e-6); // 6 MB over 100 Mbit/s
        assertEquals(1500, tp.makespanMs(), 1e-9);
        assertEquals(1, tp.broken());
    }

    @Test
    void outagesAreRunsOfFailedProbesInsideTheWindow() {
        List<Probe> p = new ArrayList<>();
        boolean[] ok = {true, false, false, true, false, true, true, false};
        for (int i = 0; i < ok.length; i++) p.add(new Probe(i * 100, ok[i], ok[i] ? "198.18.1.2" : "", 1, ok[i] ? "" : "x"));
        ProbeReport r = new ProbeReport(1000, 100, p);
        Outages all = Outages.of(r);
        assertEquals(8, all.probes());
        assertEquals(4, all.failed());
        assertEquals(List.of(new Outages.Window(100, 200, 2), new Outages.Window(400, 400, 1),
                new Outages.Window(700, 700, 1)), all.windows());
        assertEquals(200, all.longestMs(100), 1e-9);
        Outages part = Outages.of(r, 300, 700);
        assertEquals(4, part.probes());
        assertEquals(0.25, part.failedShare(), 1e-9);
    }
}
