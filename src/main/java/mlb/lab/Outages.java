package mlb.lab;

import mlb.lab.traffic.Probe;
import mlb.lab.traffic.ProbeReport;

import java.util.ArrayList;
import java.util.List;

/**
 * Failed probes in a time window, and the runs of consecutive failures ("outage windows"). With per-flow
 * balancing a dead link fails only the new flows hashed onto it, so the failed share, not one long outage, is
 * the usual picture until a health monitor takes the link out.
 */
public record Outages(int probes, int failed, List<Window> windows) {
    /** From the first to the last failed probe of a run, in ms since the probe run started. */
    public record Window(double fromMs, double toMs, int probes) {
    }

    /** Probes sent in [fromMs, toMs) only. */
    public static Outages of(ProbeReport report, double fromMs, double toMs) {
        List<Probe> in = report.probes().stream().filter(p -> p.atMs() >= fromMs && p.atMs() < toMs).toList();
        List<Window> windows = new ArrayList<>();
        int failed = 0;
        int run = 0;
        double start = 0;
        double last = 0;
        for (Probe p : in) {
            if (!p.ok()) {
                failed++;
                if (run == 0) start = p.atMs();
                last = p.atMs();
                run++;
            } else if (run > 0) {
                windows.add(new Window(start, last, run));
                run = 0;
            }
        }
        if (run > 0) windows.add(new Window(start, last, run));
        return new Outages(in.size(), failed, windows);
    }

    public static Outages of(ProbeReport report) {
        return of(report, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public double failedShare() {
        return probes == 0 ? 0 : failed / (double) probes;
    }

    /**
     * How long new connections kept failing: from the first failed probe to the last, plus one interval. With
     * per-flow balancing only the flows hashed onto the dead link fail, so this, not the longest run, is the
     * outage a failover ends.
     */
    public double spanMs(double intervalMs) {
        if (windows.isEmpty()) return 0;
        return windows.get(windows.size() - 1).toMs() - windows.get(0).fromMs() + intervalMs;
    }

    public double longestMs(double intervalMs) {
        return windows.stream().mapToDouble(w -> w.toMs() - w.fromMs() + intervalMs).max().orElse(0);
    }
}
