package mlb.lab;

import mlb.lab.timeline.Timeline;
import mlb.lab.traffic.Download;
import mlb.lab.traffic.DownloadReport;
import mlb.lab.traffic.Probe;
import mlb.lab.traffic.ProbeReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a cut's measurements (probes, downloads' progress, the monitor's log) become a timeline. */
class CutTimelineTest {
    private final Topology t = Topology.of("mlb", List.of(Rate.mbit(20), Rate.mbit(30), Rate.mbit(50)));
    private static final long CUT = 1_000_000_000_000L; // the cut took effect here (epoch ms)

    /** Probes from 2 s before the cut, the cut made in 20 ms, healed 3 s later (in 10 ms). */
    private Measurements.CutRun run() {
        List<Probe> probes = List.of(
                new Probe(0, true, "198.18.1.2", 3, ""),
                new Probe(2100, false, "", 1000, "SocketTimeoutException: Connect timed out"),
                new Probe(2200, true, "198.18.3.2", 1012, ""),
                new Probe(2300, true, "10.77.0.9", 2, ""));
        ProbeReport report = new ProbeReport(CUT - 2000, 100, probes);
        return new Measurements.CutRun(t.isps().get(1), report, CUT - 20, CUT, CUT + 3000, CUT + 3010);
    }

    private static String at(long epochMs, String text) {
        return Instant.ofEpochMilli(epochMs) + " " + text;
    }

    private static final List<String> LOG = List.of(
            at(CUT - 60_000, "isp2 down: an earlier cut"),
            at(CUT - 59_000, "balancing over isp1, isp3: 0 to add, 1 to change, written 99 ms after the verdict, verified and recorded in 400 ms"),
            at(CUT - 3000, "isp1 up: 3/3 rounds answered, rtt 0 ms"),
            at(CUT - 1000, "balancing over isp1, isp2, isp3: 0 to add, 0 to change, 0 to destroy, written 841 ms after the verdict, "
                    + "verified and recorded in 1200 ms as 0aa698a"),
            at(CUT + 1440, "isp2 down: 3/3 rounds lost, last rtt 0 ms"),
            at(CUT + 1900, "balancing over isp1, isp3: 0 to add, 1 to change, 0 to destroy, written 23 ms after the verdict, "
                    + "verified and recorded in 460 ms as ec7ce2e"),
            at(CUT + 2000, "isp2: deleted 3 of its connections from conntrack after the grace period"),
            at(CUT + 3930, "isp2 up: 3/3 rounds answered, rtt 0 ms"),
            at(CUT + 4430, "balancing over isp1, isp2, isp3: 0 to add, 1 to change, 0 to destroy, written 31 ms after the verdict, "
                    + "verified in 500 ms; not recorded yet: its record waits in memory until the state directory takes them"),
            at(CUT + 9000, "isp3 down: long after the heal"));

    @Test
    void attemptsArePlacedRelativeToTheCutWithTheirOutcomeAndLink() {
        Timeline tl = CutTimeline.of("cut", t, run(), Optional.empty(), List.of());
        List<Timeline.Attempt> a = tl.attempts();
        assertEquals(new Timeline.Attempt(-2000, Timeline.Outcome.OK, 3, "isp1", ""), a.get(0));
        assertEquals(new Timeline.Attempt(100, Timeline.Outcome.FAILED, 1000, "", "SocketTimeoutException: Connect timed out"), a.get(1));
        assertEquals(new Timeline.Attempt(200, Timeline.Outcome.DELAYED, 1012, "isp3", ""), a.get(2)); // a SYN retransmitted
        assertEquals("10.77.0.9", a.get(3).link()); // a source that is no link's stays as it was seen
        assertEquals(Instant.ofEpochMilli(CUT), tl.origin());
        assertEquals(List.of("isp1", "isp2", "isp3"), tl.links());
    }

    @Test
    void theWindowHoldsEveryAttemptAndASecondAfterTheHeal() {
        Timeline tl = CutTimeline.of("cut", t, run(), Optional.empty(), List.of());
        assertEquals(-2000, tl.fromMs());
        assertEquals(4010, tl.toMs());
    }

    @Test
    void withoutAMonitorOnlyTheCutAndTheHeal() {
        Timeline tl = CutTimeline.of("cut", t, run(), Optional.empty(), List.of());
        assertEquals(List.of(new Timeline.Event(Timeline.Kind.CUT, 0, "isp2 cut"),
                new Timeline.Event(Timeline.Kind.HEAL, 3010, "isp2 healed")), tl.events());
    }

    @Test
    void theMonitorsVerdictsAndWritesAroundTheCutComeFromItsLog() {
        Timeline tl = CutTimeline.of("cut", t, run(), Optional.empty(), LOG);
        assertEquals(List.of(
                new Timeline.Event(Timeline.Kind.CUT, 0, "isp2 cut"),
                new Timeline.Event(Timeline.Kind.HEAL, 3010, "isp2 healed"),
                new Timeline.Event(Timeline.Kind.VERDICT, -3000, "isp1 up"),
                new Timeline.Event(Timeline.Kind.WRITTEN, -1359, "isp1, isp2, isp3 written, 841 ms after the verdict"),
                new Timeline.Event(Timeline.Kind.VERDICT, 1440, "isp2 down, 1.44 s after the cut"),
                new Timeline.Event(Timeline.Kind.WRITTEN, 1463, "isp1, isp3 written, 23 ms after the verdict"),
                new Timeline.Event(Timeline.Kind.VERDICT, 3930, "isp2 up, 0.92 s after the heal"),
                new Timeline.Event(Timeline.Kind.WRITTEN, 3961, "isp1, isp2, isp3 written, 31 ms after the verdict")), tl.events());
    }

    @Test
    void throughputPerLinkIsTheBytesBetweenSamplesOverTheirInterval() {
        // Sampled at 0, 100 and 300 ms of a batch started 1 s before the cut: isp1 gets 12 500 bytes in the first
        // 100 ms (1 Mbit/s) and nothing after; isp3's two downloads 25 000 bytes each in the next 200 ms.
        List<Download> d = List.of(
                new Download(0, "198.19.0.1", "198.18.1.2", 12_500, 12_500, 0, 0, 100, "", List.of(0L, 12_500L, 12_500L)),
                new Download(1, "198.19.0.2", "198.18.3.2", 25_000, 25_000, 0, 0, 300, "", List.of(0L, 0L, 25_000L)),
                new Download(2, "198.19.0.3", "198.18.3.2", 25_000, 25_000, 0, 0, 300, "", List.of(0L, 0L, 25_000L)),
                new Download(3, "198.19.0.4", "", 25_000, 0, 0, 0, 300, "refused", List.of(0L, 0L, 0L)));
        DownloadReport r = new DownloadReport(CUT - 1000, 300, d, List.of(0.0, 100.0, 300.0));
        List<Timeline.Series> s = CutTimeline.throughput(r, t, CUT);
        assertEquals(List.of("isp1", "isp2", "isp3"), s.stream().map(Timeline.Series::link).toList());
        assertEquals(List.of(new Timeline.Sample(-950, 1e6), new Timeline.Sample(-800, 0)), s.get(0).samples());
        assertEquals(List.of(new Timeline.Sample(-950, 0), new Timeline.Sample(-800, 0)), s.get(1).samples());
        assertEquals(List.of(new Timeline.Sample(-950, 0), new Timeline.Sample(-800, 2e6)), s.get(2).samples());
    }

    @Test
    void throughputIsAveragedOverTheLastWindow() {
        // 10 000 and 15 000 bytes in turns every 100 ms: 1 Mbit/s over any 200 ms.
        List<Download> d = List.of(new Download(0, "198.19.0.1", "198.18.1.2", 50_000, 50_000, 0, 0, 400, "",
                List.of(0L, 10_000L, 25_000L, 35_000L, 50_000L)));
        DownloadReport r = new DownloadReport(CUT, 400, d, List.of(0.0, 100.0, 200.0, 300.0, 400.0));
        assertEquals(List.of(new Timeline.Sample(50, 0.8e6), new Timeline.Sample(100, 1e6), new Timeline.Sample(200, 1e6),
                new Timeline.Sample(300, 1e6)), CutTimeline.throughput(r, t, CUT).get(0).samples());
    }

    @Test
    void aReportWithoutSamplesDrawsNoThroughput() {
        DownloadReport r = new DownloadReport(CUT, 300, List.of(new Download(0, "198.19.0.1", "198.18.1.2", 1, 1, 0, 0, 1, "")));
        assertEquals(List.of(), CutTimeline.throughput(r, t, CUT).get(0).samples());
    }

    @Test
    void fileNamesAreWordsOfLettersAndDigits() {
        assertEquals("failover-route-interval200ms-timeout150ms-cut1",
                TimelineFiles.name("failover", "route", "interval = \"200ms\" timeout = \"150ms\"", "cut1"));
        assertEquals("demo-connmark-cut1", TimelineFiles.name("demo", "connmark", "", "cut1"));
    }
}
