package mlb.lab;

import mlb.lab.traffic.DownloadReport;
import mlb.lab.traffic.ProbeReport;
import mlb.lab.traffic.WhoamiReport;

import java.time.Duration;
import java.util.List;

/** The lab's measurements, each run from the LAN host through the router against the servers. */
public final class Measurements {
    /** Time a client JVM needs to start before its first packet; probes wait this long before anything is cut. */
    private static final Duration CLIENT_START = Duration.ofMillis(1500);

    private final LabSession session;

    public Measurements(LabSession session) {
        this.session = session;
    }

    /** count new connections to the first server; which link each took, against the spec's weights. */
    public Shares shares(LabSpec spec, int count) {
        return Shares.of(whoami(count, List.of(session.topology().server())), spec);
    }

    public WhoamiReport whoami(int count, List<String> servers) {
        return session.client().whoami(count, servers);
    }

    public DownloadReport downloads(int parallel, long bytes, Duration deadline) {
        return session.client().download(parallel, bytes, servers(), deadline).await();
    }

    /** Downloads spread over all servers, so l3 hashing has several destinations to spread too. */
    public List<String> servers() {
        return session.topology().serverAddresses();
    }

    /**
     * Probes every interval while the ISP's upstream is cut for `during`, with `around` of normal service
     * before and after. Heals even if probing fails.
     */
    public CutRun cut(Isp isp, Duration around, Duration during, Duration interval) {
        Duration total = CLIENT_START.plus(around).plus(during).plus(around);
        LanClient.Pending<ProbeReport> pending = session.client()
                .probe(total, interval, Duration.ofMillis(300), List.of(session.topology().server()));
        long cutStart;
        long cutDone;
        long healStart;
        long healDone;
        try {
            LabProcesses.sleep(CLIENT_START.plus(around).toMillis());
            cutStart = System.currentTimeMillis();
            session.lab().cut(isp);
            cutDone = System.currentTimeMillis();
            LabProcesses.sleep(during.toMillis());
        } finally {
            healStart = System.currentTimeMillis();
            session.lab().heal(isp);
            healDone = System.currentTimeMillis();
        }
        return new CutRun(isp, pending.await(), cutStart, cutDone, healStart, healDone);
    }

    /**
     * A probe run around one cut, with the wall-clock moments the cut and the heal began and took effect.
     * Probes sent while a change was being made belong to no window.
     */
    public record CutRun(Isp isp, ProbeReport report, long cutStart, long cutDone, long healStart, long healDone) {
        public Outages before() {
            return Outages.of(report, Double.NEGATIVE_INFINITY, onProbeClock(cutStart));
        }

        public Outages during() {
            return Outages.of(report, onProbeClock(cutDone), onProbeClock(healStart));
        }

        public Outages after() {
            return Outages.of(report, onProbeClock(healDone), Double.POSITIVE_INFINITY);
        }

        /** Wall-clock ms as ms since the probe run started. */
        public double onProbeClock(long epochMs) {
            return epochMs - report.startEpochMs();
        }
    }
}
