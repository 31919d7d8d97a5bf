package mlb.lab;

import mlb.lab.traffic.DownloadReport;
import mlb.lab.traffic.ProbeReport;
import mlb.lab.traffic.WhoamiReport;

import java.time.Duration;
import java.util.List;

/** The lab's measurements, each run from the LAN host through the router against the servers. */
public final class Measurements {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

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
     * before and after. Heals even if probing fails. A probe fails when its connection takes more than a second
     * (on a cut line the SYN is lost; its retransmission would come after a second) or, once connected, its
     * answer more than ProbeClient.ANSWER (a line busy with downloads drops and delays answers in its shaper).
     */
    public CutRun cut(Isp isp, Duration around, Duration during, Duration interval) {
        return cut(isp, around, during, interval, PROBE_TIMEOUT);
    }

    /**
     * The same with another bound per connection: with 10 s, a client that lets the kernel retransmit its SYN
     * (after 1 s, 3 s, 7 s) as real clients do, so a failed connection is one no retransmit could save.
     */
    public CutRun cut(Isp isp, Duration around, Duration during, Duration interval, Duration timeout) {
        return cut(Fault.BLACKHOLE, isp, around, during, interval, timeout);
    }

    /** The same with another fault than the silent upstream cut. */
    CutRun cut(Fault fault, Isp isp, Duration around, Duration during, Duration interval, Duration timeout) {
        Duration total = CLIENT_START.plus(around).plus(during).plus(around);
        LanClient.Pending<ProbeReport> pending = session.client()
                .probe(total, interval, timeout, List.of(session.topology().server()));
        long cutStart;
        long cutDone;
        long healStart;
        long healDone;
        try {
            LabProcesses.sleep(CLIENT_START.plus(around).toMillis());
            cutStart = System.currentTimeMillis();
            fault.begin(session.lab(), isp);
            cutDone = System.currentTimeMillis();
            LabProcesses.sleep(during.toMillis());
        } finally {
            healStart = System.currentTimeMillis();
            fault.end(session.lab(), isp);
            healDone = System.currentTimeMillis();
        }
        return new CutRun(isp, pending.await(), cutStart, cutDone, healStart, healDone);
    }

    /**
     * A cut while mlb monitor runs, with long downloads on every link meanwhile: new connections show how long
     * the dead link took in traffic, the downloads which flows the failover and the failback left alone.
     */
    public FailoverRun failover(Isp isp, Duration around, Duration during, Duration interval, int downloads) {
        return failover(Fault.BLACKHOLE, isp, around, during, interval, downloads);
    }

    /** The same with another fault. */
    FailoverRun failover(Fault fault, Isp isp, Duration around, Duration during, Duration interval, int downloads) {
        Duration total = CLIENT_START.plus(around).plus(during).plus(around).plus(around);
        // Paced, together at a third of the lines' sum: flows that keep receiving across the cut, the failover
        // and the failback without filling the lines' queues, so the probes measure routing, not drops behind
        // bulk transfers (these shapers are drop-tail; a lost SYN-ACK costs a probe a second). A flow stuck on
        // the dead path stops receiving, and 5 s of nothing is broken.
        long pace = Math.max(1, session.topology().totalRate().bytesPerSecond() / 3 / downloads);
        long bytes = pace * (total.toSeconds() + 4);
        LanClient.Pending<DownloadReport> running = session.client().download(downloads, bytes, servers(),
                Duration.ofSeconds(90), Duration.ofSeconds(5), pace);
        CutRun cut = cut(fault, isp, around.plus(around), during, interval, PROBE_TIMEOUT);
        return new FailoverRun(cut, running.await());
    }

    /** A cut with the monitor at work, and the downloads that ran across it. */
    public record FailoverRun(CutRun cut, DownloadReport downloads) {
        /** Downloads broken, per link (by the address the server saw), in link order. */
        public java.util.Map<String, long[]> brokenPerLink(Topology t) {
            java.util.Map<String, long[]> out = new java.util.LinkedHashMap<>();
            for (Isp i : t.isps()) {
                List<mlb.lab.traffic.Download> on = downloads.downloads().stream()
                        .filter(d -> d.source().equals(i.routerAddress())).toList();
                out.put(i.name(), new long[]{on.stream().filter(d -> !d.complete()).count(), on.size()});
            }
            return out;
        }
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

        /**
         * Failed probes after the heal that say a path is still broken. A path that is broken fails every
         * connection sent on it (at a third of the links' share, about six of the twenty probes after a heal);
         * one lone connect timeout is a handshake packet a shaped line lost under the downloads, and is let pass.
         */
        public java.util.List<mlb.lab.traffic.Probe> brokenAfterHeal() {
            double healed = onProbeClock(healDone);
            java.util.List<mlb.lab.traffic.Probe> failed = report.probes().stream().filter(p -> !p.ok() && p.atMs() >= healed).toList();
            boolean lone = failed.size() == 1 && failed.get(0).error().contains("Connect timed out");
            return lone ? java.util.List.of() : failed;
        }

        /** Wall-clock ms as ms since the probe run started. */
        public double onProbeClock(long epochMs) {
            return epochMs - report.startEpochMs();
        }
    }
}
