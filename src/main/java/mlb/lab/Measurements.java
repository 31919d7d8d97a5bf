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
        long cutAt;
        long healAt;
        try {
            LabProcesses.sleep(CLIENT_START.plus(around).toMillis());
            cutAt = System.currentTimeMillis();
            session.lab().cut(isp);
            LabProcesses.sleep(during.toMillis());
        } finally {
            healAt = System.currentTimeMillis();
            session.lab().heal(isp);
        }
        return new CutRun(isp, pending.await(), cutAt, healAt);
    }

    /** A probe run around one cut; the windows are placed on the probe's own clock. */
    public record CutRun(Isp isp, ProbeReport report, long cutEpochMs, long healEpochMs) {
        public Outages before() {
            return Outages.of(report, Double.NEGATIVE_INFINITY, cutEpochMs - report.startEpochMs());
        }

        public Outages during() {
            return Outages.of(report, cutEpochMs - report.startEpochMs(), healEpochMs - report.startEpochMs());
        }

        public Outages after() {
            return Outages.of(report, healEpochMs - report.startEpochMs(), Double.POSITIVE_INFINITY);
        }
    }
}
