package mlb.lab;

import mlb.lab.timeline.Timeline;
import mlb.lab.traffic.Download;
import mlb.lab.traffic.DownloadReport;
import mlb.lab.traffic.Probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cut as a Timeline, from what the lab measured: the probes (new connections), the downloads' progress (per
 * link, by the address the server saw, as FailoverRun.brokenPerLink counts them) and the monitor's log (its
 * verdicts, and when it wrote the kernel: "written N ms after the verdict"). Times are relative to the moment the
 * cut took effect; the probe client's and the download client's clocks are placed by their start on the wall clock.
 */
final class CutTimeline {
    /**
     * An attempt answered after this long waited for a retransmission: the kernel retransmits a lost SYN after
     * 1 s, and nothing else in the lab takes nearly as long.
     */
    static final double DELAYED_MS = 900;
    /**
     * The span a throughput sample averages over: two of the client's 100 ms samples, since a paced sender's
     * pieces fall unevenly into single ones (a rate that zigzags by a third from one sample to the next).
     */
    static final double WINDOW_MS = 200;
    /** Log lines of the monitor read from before the cut and after the heal: what led up to it, what followed. */
    private static final long LOG_AROUND_MS = 5_000;
    private static final Pattern VERDICT = Pattern.compile("(\\S+) (down|up|degraded|recovered): ");
    private static final Pattern WRITE = Pattern.compile(
            "^balancing over (.+?): .*written (\\d+) ms after the verdict, verified (?:and recorded )?in (\\d+) ms");

    private CutTimeline() {
    }

    /** downloads: those that ran across the cut, if any; lines: the monitor's log, if it ran. */
    static Timeline of(String title, Topology t, Measurements.CutRun cut, Optional<DownloadReport> downloads, List<String> lines) {
        long origin = cut.cutDone();
        List<Timeline.Attempt> attempts = cut.report().probes().stream()
                .map(p -> attempt(p, cut.report().startEpochMs() - origin, t)).toList();
        List<Timeline.Series> series = downloads.map(d -> throughput(d, t, origin)).orElse(List.of());
        List<Timeline.Event> events = events(cut, new MonitorLog(lines));
        double from = Double.POSITIVE_INFINITY;
        double to = cut.healDone() - origin + 1000.0;
        for (Timeline.Attempt a : attempts) {
            from = Math.min(from, a.atMs());
            to = Math.max(to, a.atMs() + cut.report().intervalMs());
        }
        for (Timeline.Series s : series) {
            for (Timeline.Sample p : s.samples()) {
                from = Math.min(from, p.atMs());
                to = Math.max(to, p.atMs());
            }
        }
        for (Timeline.Event e : events) to = Math.max(to, e.atMs() + 500);
        if (from == Double.POSITIVE_INFINITY) from = cut.cutStart() - origin - 1000.0;
        return new Timeline(title, Instant.ofEpochMilli(origin), Math.min(from, -100), to,
                t.isps().stream().map(Isp::name).toList(), series, attempts, events);
    }

    private static Timeline.Attempt attempt(Probe p, double offset, Topology t) {
        Timeline.Outcome o = !p.ok() ? Timeline.Outcome.FAILED
                : p.rttMs() > DELAYED_MS ? Timeline.Outcome.DELAYED : Timeline.Outcome.OK;
        String link = p.ok() ? t.isps().stream().filter(i -> i.routerAddress().equals(p.source())).map(Isp::name)
                .findFirst().orElse(p.source()) : "";
        return new Timeline.Attempt(p.atMs() + offset, o, p.rttMs(), link, p.error());
    }

    /**
     * Each link's rate at every sample of the downloads' progress: the bytes its downloads received over the last
     * WINDOW_MS (from the latest sample at least that old), placed at the middle of that span.
     */
    static List<Timeline.Series> throughput(DownloadReport r, Topology t, long origin) {
        List<Double> at = r.sampledAtMs();
        List<Timeline.Series> out = new ArrayList<>();
        for (Isp isp : t.isps()) {
            List<Download> mine = r.downloads().stream()
                    .filter(d -> d.source().equals(isp.routerAddress()) && d.progress().size() == at.size()).toList();
            List<Timeline.Sample> samples = new ArrayList<>();
            int j = 0;
            for (int k = 1; k < at.size(); k++) {
                while (j + 1 < k && at.get(k) - at.get(j + 1) >= WINDOW_MS) j++;
                double ms = at.get(k) - at.get(j);
                if (ms <= 0) continue;
                long bytes = 0;
                for (Download d : mine) bytes += d.progress().get(k) - d.progress().get(j);
                double mid = r.startEpochMs() - origin + (at.get(k) + at.get(j)) / 2;
                samples.add(new Timeline.Sample(mid, bytes * 8 / (ms / 1000)));
            }
            out.add(new Timeline.Series(isp.name(), samples));
        }
        return out;
    }

    /**
     * The cut and the heal as the lab made them, and from the monitor's log around them every verdict on a link
     * and every kernel write: a write's line comes once it is verified and recorded, M ms after the verdict, and
     * says it was written N ms after the verdict, so it was written N - M ms before the line.
     */
    static List<Timeline.Event> events(Measurements.CutRun cut, MonitorLog log) {
        long origin = cut.cutDone();
        String isp = cut.isp().name();
        List<Timeline.Event> events = new ArrayList<>();
        events.add(new Timeline.Event(Timeline.Kind.CUT, 0, isp + " cut"));
        events.add(new Timeline.Event(Timeline.Kind.HEAL, cut.healDone() - origin, isp + " healed"));
        boolean down = false;
        boolean up = false;
        for (MonitorLog.Entry e : log.entries()) {
            long epoch = e.at().toEpochMilli();
            if (epoch < cut.cutStart() - LOG_AROUND_MS || epoch > cut.healDone() + LOG_AROUND_MS) continue;
            double at = epoch - origin;
            Matcher v = VERDICT.matcher(e.text());
            Matcher w = WRITE.matcher(e.text());
            if (v.lookingAt()) {
                String label = v.group(1) + " " + v.group(2);
                if (v.group(1).equals(isp) && v.group(2).equals("down") && !down && epoch >= cut.cutStart()) {
                    down = true;
                    label += String.format(Locale.ROOT, ", %.2f s after the cut", at / 1000);
                } else if (v.group(1).equals(isp) && v.group(2).equals("up") && !up && epoch >= cut.healStart()) {
                    up = true;
                    label += String.format(Locale.ROOT, ", %.2f s after the heal", (at - (cut.healDone() - origin)) / 1000);
                }
                events.add(new Timeline.Event(Timeline.Kind.VERDICT, at, label));
            } else if (w.find()) {
                int written = Integer.parseInt(w.group(2));
                events.add(new Timeline.Event(Timeline.Kind.WRITTEN, at - Integer.parseInt(w.group(3)) + written,
                        w.group(1) + " written, " + written + " ms after the verdict"));
            }
        }
        return events;
    }
}
