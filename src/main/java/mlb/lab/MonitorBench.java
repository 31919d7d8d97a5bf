package mlb.lab;

import mlb.compile.Layout;
import mlb.spec.Check;
import mlb.spec.Link;
import mlb.spec.Spec;
import mlb.spec.SpecParser;
import mlb.view.TextTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `mlb lab bench`'s rows for mlb monitor, each with real packets: how long new connections fail when a line is
 * cut (defaults, and a 200 ms interval), which flows survive failover and failback, how soon new flows are
 * shared by weight again, false downs on a lossy line, flapping, and the monitor's own footprint.
 */
final class MonitorBench {
    private static final int CUTS = 5;
    private static final Pattern WRITTEN = Pattern.compile("written (\\d+) ms after the verdict");
    private final LabSession session;
    private final RouterMlb mlb;
    private final Topology t;
    private final Console c;
    private final TextTable table;
    private final Measurements m;
    private final TimelineFiles timelines;
    private final List<Integer> allWrites = new ArrayList<>();

    MonitorBench(LabSession session, RouterMlb mlb, Console c, TextTable table) {
        this.session = session;
        this.mlb = mlb;
        this.t = session.topology();
        this.c = c;
        this.table = table;
        this.m = new Measurements(session);
        this.timelines = TimelineFiles.of(t);
    }

    void run() {
        failovers("defaults (" + ms(Check.DEFAULT_INTERVAL) + " x " + Check.DEFAULT_DOWN + ", timeout "
                + ms(Check.DEFAULT_TIMEOUT) + ")", "route", List.of(), 1.5, detectionBound());
        failovers("connmark mode, defaults", "connmark", List.of(), 1.5, detectionBound());
        attempts("route");
        attempts("connmark");
        unreachableCuts("route");
        unreachableCuts("connmark");
        carrier("route");
        carrier("connmark");
        failovers("the defaults before (400 ms x 3, timeout 250 ms)", "route", List.of("interval = \"400ms\"",
                "timeout = \"250ms\"", "down = 3", "up = 3"), 2.0, 1.45);
        failback("idle_timer 120 s (default)", "120s", Duration.ofSeconds(15), Duration.ofSeconds(200));
        failback("idle_timer 5 s", "5s", Duration.ofSeconds(2), Duration.ofSeconds(40));
        lossyLine();
        flapping();
        footprint();
        writeRow("verdict to kernel write, every change of this bench", allWrites, true);
    }

    /** A monitor's log as it stops: its write spans count in the row for every change of the bench. */
    private void written(List<String> lines) {
        allWrites.addAll(writeSpans(lines));
    }

    /** Every "written N ms after the verdict" of a monitor's log: mlb monitor as the launcher starts it. */
    private static List<Integer> writeSpans(List<String> lines) {
        List<Integer> ms = new ArrayList<>();
        lines.forEach(l -> {
            Matcher w = WRITTEN.matcher(l);
            if (w.find()) ms.add(Integer.parseInt(w.group(1)));
        });
        return ms;
    }

    /** The verdict-to-write row: judged by the median, aim 50 ms. */
    private void writeRow(String what, List<Integer> ms, boolean counted) {
        double median = median(ms.stream().map(Integer::doubleValue).toList());
        table.row(what, "≤ 50 ms (median)", ms.isEmpty() ? "n/a" : String.format(Locale.ROOT, "median %.0f ms, max %d ms",
                median, ms.stream().max(Comparator.naturalOrder()).get()) + (counted ? " (" + ms.size() + " changes)" : ""),
                median <= 50 ? "ok" : "over");
    }

    private Path apply(LabSpec spec, String name) {
        Path file = mlb.write(spec, name);
        RouterMlb.Result r = mlb.apply(file);
        if (r.code() != 0) throw new LabException(LabException.FAILED, "mlb apply failed: " + r.err());
        return file;
    }

    private Isp victim() {
        return t.isps().get(t.isps().size() > 1 ? 1 : 0);
    }

    /**
     * Cuts in a row, each only once the victim is back at its full share of the group's buckets (a short
     * idle_timer lets them return between cuts): with the default 120 s, buckets busy in one cut would stay on
     * the other links through the next cuts, fewer new flows would meet the dead link, and the outage would
     * look shorter than it is.
     */
    /** bound: down x interval + timeout of the check used, the longest detection can take. */
    private void failovers(String what, String mode, List<String> check, double aim, double bound) {
        Path spec = apply(LabSpec.of(t).withMode(mode).tuned(new LabSpec.Tuning(List.of("idle_timer = \"2s\""), check,
                List.of())), "monitor");
        c.begin(CUTS + " cuts of " + victim().name() + " with mlb monitor (" + what + "), 12 downloads across each");
        List<Double> spans = new ArrayList<>();
        List<Double> detections = new ArrayList<>();
        long broken = 0;
        long survivors = 0;
        List<Integer> writes = new ArrayList<>();
        List<String> over = new ArrayList<>();
        try (LabMonitor monitor = LabMonitor.start(t, spec, this::written)) {
            for (int i = 0; i < CUTS; i++) {
                if (mode.equals("route")) awaitFullShare(spec); // connmark: the slots are whole at once
                Measurements.FailoverRun run = m.failover(victim(), Duration.ofSeconds(1), Duration.ofSeconds(3),
                        Duration.ofMillis(100), 12);
                double span = run.cut().during().spanMs(run.cut().report().intervalMs()) / 1000;
                spans.add(span);
                if (span > aim) over.add("cut " + (i + 1) + ": " + failedProbes(run.cut()));
                Instant cut = Instant.ofEpochMilli(run.cut().cutDone());
                new MonitorLog(monitor.lines()).first(victim().name() + " down:", cut)
                        .ifPresent(d -> detections.add(d.secondsAfter(cut)));
                for (Map.Entry<String, long[]> e : run.brokenPerLink(t).entrySet()) {
                    if (e.getKey().equals(victim().name())) continue;
                    broken += e.getValue()[0];
                    survivors += e.getValue()[1];
                }
                awaitBack(monitor, Instant.ofEpochMilli(run.cut().healDone()));
                timelines.write(TimelineFiles.name("failover", mode, String.join(" ", check), "cut" + (i + 1)), CutTimeline.of("mlb lab bench, "
                        + mode + " mode: cut " + (i + 1) + " of " + CUTS + " with mlb monitor (" + what + ")", t, run.cut(),
                        Optional.of(run.downloads()), monitor.lines()));
            }
            writes.addAll(writeSpans(monitor.lines()));
        }
        c.done(over.isEmpty() ? "done" : "done; over the aim: " + String.join("; ", over));
        double max = spans.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        table.row("failover outage, " + what, "≤ " + aim + " s", String.format(Locale.ROOT, "median %.2f s, max %.2f s",
                median(spans), max), max <= aim ? "ok" : "over");
        double slowest = detections.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        table.row("  dead link detected after the cut", String.format(Locale.ROOT, "≤ %.2f s (down x interval + timeout)", bound),
                String.format(Locale.ROOT, "median %.2f s, max %.2f s", median(detections), slowest),
                slowest <= bound + 0.05 ? "ok" : "over");
        writeRow("  verdict to kernel write", writes, false);
        table.row("  other links' downloads broken", "0 (failover + failback)", broken + " of " + survivors,
                broken == 0 ? "ok" : "FAIL");
    }

    /**
     * Cuts with a client that retries as real clients do (the kernel retransmits the SYN; 10 s to connect), one
     * attempt every 100 ms: an attempt fails only if no retransmit could reach a live link.
     */
    private void attempts(String mode) {
        Path spec = apply(LabSpec.of(t).withMode(mode).tuned(new LabSpec.Tuning(List.of("idle_timer = \"2s\""), List.of(),
                List.of())), "attempts");
        c.begin(CUTS + " cuts of " + victim().name() + " in " + mode + " mode, a retrying client's attempts every 100 ms");
        long failed = 0, delayed = 0, all = 0;
        double longest = 0;
        try (LabMonitor monitor = LabMonitor.start(t, spec, this::written)) {
            for (int i = 0; i < CUTS; i++) {
                if (mode.equals("route")) awaitFullShare(spec);
                Measurements.CutRun run = m.cut(victim(), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(100),
                        Duration.ofSeconds(10));
                failed += run.report().probes().stream().filter(p -> !p.ok()).count();
                delayed += run.report().probes().stream().filter(p -> p.ok() && p.rttMs() > 900).count();
                longest = Math.max(longest, run.report().probes().stream().filter(p -> p.ok())
                        .mapToDouble(p -> p.rttMs()).max().orElse(0) / 1000);
                all += run.report().probes().size();
                awaitBack(monitor, Instant.ofEpochMilli(run.healDone()));
                timelines.write(TimelineFiles.name("attempts", mode, "cut" + (i + 1)), CutTimeline.of("mlb lab bench, " + mode
                        + " mode: cut " + (i + 1) + " of " + CUTS + ", a retrying client's attempts", t, run, Optional.empty(), monitor.lines()));
            }
        }
        c.done(failed + " failed");
        table.row("attempts failed, retrying client, " + mode, "0 of all", failed + " of " + all + " (" + delayed
                + " delayed by a retransmit)", failed == 0 ? "ok" : "FAIL");
        // An attempt begun as the line died succeeds on its first SYN retransmit after the verdict: the
        // retransmits come 1 s and 3 s after it, so it waits at most the detection time and the 2 s between them.
        double bound = detectionBound() + 2;
        table.row("  longest delay of an attempt", String.format(Locale.ROOT, "≤ %.2f s (detection + 2 s)", bound),
                String.format(Locale.ROOT, "%.2f s", longest), longest <= bound ? "ok" : "over");
    }

    private static double detectionBound() {
        return (Check.DEFAULT_DOWN * Check.DEFAULT_INTERVAL.toMillis() + Check.DEFAULT_TIMEOUT.toMillis()) / 1000.0;
    }

    /**
     * Cuts where the ISP answers with ICMP host unreachable instead of staying silent: an attempt hashed onto the
     * line before the verdict fails at once on the ISP's answer, which is the ISP's doing, not mlb's; those are
     * counted apart, and any other failure is mlb's.
     */
    private void unreachableCuts(String mode) {
        Path spec = apply(LabSpec.of(t).withMode(mode).tuned(new LabSpec.Tuning(List.of("idle_timer = \"2s\""), List.of(),
                List.of())), "unreachable");
        c.begin(CUTS + " unreachable cuts of " + victim().name() + " in " + mode + " mode, a retrying client's attempts every 100 ms");
        long icmp = 0, other = 0, all = 0;
        try (LabMonitor monitor = LabMonitor.start(t, spec, this::written)) {
            for (int i = 0; i < CUTS; i++) {
                if (mode.equals("route")) awaitFullShare(spec);
                Measurements.CutRun run = m.cut(Fault.UNREACHABLE, victim(), Duration.ofSeconds(1), Duration.ofSeconds(3),
                        Duration.ofMillis(100), Duration.ofSeconds(10));
                icmp += run.report().probes().stream().filter(p -> !p.ok() && byIcmp(p.error())).count();
                other += run.report().probes().stream().filter(p -> !p.ok() && !byIcmp(p.error())).count();
                all += run.report().probes().size();
                awaitBack(monitor, Instant.ofEpochMilli(run.healDone()));
            }
        }
        c.done(icmp + " failed on the ISP's ICMP, " + other + " otherwise");
        table.row("attempts failed, unreachable cut, " + mode, "ICMP apart; 0 otherwise", icmp + " on the ISP's ICMP, "
                + other + " otherwise, of " + all, other == 0 ? "ok" : "FAIL");
    }

    private static boolean byIcmp(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        return e.contains("no route to host") || e.contains("unreachable");
    }

    /**
     * The ISP's side of the line goes down and comes back, 10 times, with downloads on every link: an observer
     * beside mlb (ip monitor, nft monitor) times mlb's first change after the kernel's link notification, and
     * its first restoring change after the carrier is back.
     */
    private void carrier(String mode) {
        int cuts = 10;
        Path spec = apply(LabSpec.of(t).withMode(mode).tuned(new LabSpec.Tuning(List.of("idle_timer = \"2s\""), List.of(),
                List.of())), "carrier");
        c.begin(cuts + " carrier losses of " + victim().name() + " in " + mode + " mode, 12 downloads across each");
        List<Double> lost = new ArrayList<>();
        List<Double> back = new ArrayList<>();
        long broken = 0, survivors = 0;
        try (LabMonitor monitor = LabMonitor.start(t, spec, this::written)) {
            for (int i = 0; i < cuts; i++) {
                if (mode.equals("route")) awaitFullShare(spec);
                Measurements.FailoverRun run;
                CarrierTimes times;
                try (KernelEvents events = KernelEvents.follow(t.routerNs())) {
                    run = m.failover(Fault.CARRIER, victim(), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(100), 12);
                    awaitBack(monitor, Instant.ofEpochMilli(run.cut().healDone()));
                    times = CarrierTimes.of(events.lines(), victim().name());
                }
                times.lostToWriteMs().forEach(lost::add);
                times.backToRestoreMs().forEach(back::add);
                for (Map.Entry<String, long[]> e : run.brokenPerLink(t).entrySet()) {
                    if (e.getKey().equals(victim().name())) continue;
                    broken += e.getValue()[0];
                    survivors += e.getValue()[1];
                }
            }
        }
        c.done(lost.size() + " losses and " + back.size() + " returns timed; ms, in order: lost " + whole(lost) + ", back " + whole(back));
        carrierRow("carrier lost to mlb's change, " + mode, lost, cuts);
        carrierRow("carrier back to what it restores, " + mode, back, cuts);
        table.row("  other links' downloads broken", "0", broken + " of " + survivors, broken == 0 ? "ok" : "FAIL");
    }

    private static List<Long> whole(List<Double> ms) {
        return ms.stream().map(Math::round).toList();
    }

    private void carrierRow(String what, List<Double> ms, int cuts) {
        double max = ms.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        table.row(what, "≤ 100 ms (" + cuts + " of " + cuts + ")", ms.isEmpty() ? "none seen" : String.format(Locale.ROOT,
                "median %.0f ms, max %.0f ms (%d)", median(ms), max, ms.size()), ms.size() == cuts && max <= 100 ? "ok" : "over");
    }

    /** Until the monitor has put every link back after a heal (and a moment more). */
    private void awaitBack(LabMonitor monitor, Instant healed) {
        String all = "balancing over " + String.join(", ", t.isps().stream().map(Isp::name).toList()) + ":";
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (new MonitorLog(monitor.lines()).first(all, healed).isEmpty() && System.nanoTime() < until) {
            LabProcesses.sleep(100);
        }
        LabProcesses.sleep(1000);
    }

    /** The probes that failed while the line was cut, in seconds after the cut, with why. */
    private static String failedProbes(Measurements.CutRun cut) {
        double at = cut.onProbeClock(cut.cutDone());
        return cut.report().probes().stream().filter(p -> !p.ok() && p.atMs() >= at && p.atMs() < cut.onProbeClock(cut.healStart()))
                .map(p -> String.format(Locale.ROOT, "+%.1f s %s", (p.atMs() - at) / 1000, p.error())).toList().toString();
    }

    /**
     * Until the victim's nexthop holds its weight's share of the group's buckets, within a few (at most 20 s);
     * the ids and weights are the ones mlb compiles from the applied spec.
     */
    private void awaitFullShare(Path specFile) {
        var parsed = SpecParser.parse(specFile);
        if (parsed.isInvalid()) throw new LabException(LabException.FAILED, "cannot read back " + specFile + ": " + parsed.getError());
        Spec spec = parsed.get();
        Layout layout = Layout.of(spec.balancer(), spec.links());
        Link v = spec.links().find(l -> l.name().equals(victim().name())).get();
        int total = spec.links().map(Link::weight).sum().intValue();
        int want = Layout.RESILIENT_BUCKETS * v.weight() / total - 8;
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (session.lab().buckets(layout.groupId(true), layout.nexthopId(v)) < want && System.nanoTime() < until) {
            LabProcesses.sleep(200);
        }
    }

    /** How soon new flows are shared by weight again once the cut line is back, with sparse samples. */
    private void failback(String what, String idle, Duration every, Duration limit) {
        LabSpec spec = LabSpec.of(t).tuned(new LabSpec.Tuning(List.of("idle_timer = \"" + idle + "\""), List.of(), List.of()));
        Path file = apply(spec, "failback");
        c.begin("failback of " + victim().name() + " with " + what + ": new-flow shares every " + every.toSeconds() + " s");
        Optional<Double> converged = Optional.empty();
        try (LabMonitor monitor = LabMonitor.start(t, file, this::written)) {
            session.lab().cut(victim());
            LabProcesses.sleep(3000);
            session.lab().heal(victim());
            Instant healed = Instant.now();
            Optional<MonitorLog.Entry> up = Optional.empty();
            while (up.isEmpty() && Duration.between(healed, Instant.now()).toSeconds() < 10) {
                LabProcesses.sleep(100);
                up = new MonitorLog(monitor.lines()).first(victim().name() + " up:", healed);
            }
            Instant back = up.map(MonitorLog.Entry::at).orElse(healed);
            while (converged.isEmpty() && Duration.between(back, Instant.now()).compareTo(limit) < 0) {
                LabProcesses.sleep(every.toMillis());
                Shares s = m.shares(spec, 300);
                if (s.worstDeviationPoints() <= 5) converged = Optional.of(Duration.between(back, Instant.now()).toMillis() / 1000.0);
            }
        }
        c.done(converged.map(x -> String.format(Locale.ROOT, "within ±5 pt after %.0f s", x)).orElse("not within " + limit.toSeconds() + " s"));
        table.row("failback: new-flow shares ±5 pt, " + what, "after up rounds + buckets idle",
                converged.map(x -> String.format(Locale.ROOT, "%.0f s after it was up", x)).orElse("> " + limit.toSeconds() + " s"), "-");
    }

    /** A healthy line losing 10 % of its packets at random for 60 s, probed at two targets: no state change. */
    private void lossyLine() {
        String targets = "targets = [\"" + t.serverAddresses().get(0) + "\", \"" + t.serverAddresses().get(1) + "\"]";
        LabSpec spec = LabSpec.of(t).tuned(new LabSpec.Tuning(List.of(), List.of(), List.of()));
        Path file = mlb.write(spec, "lossy");
        try {
            Files.writeString(file, Files.readString(file).replace("targets = [\"" + t.server() + "\"]", targets));
        } catch (IOException e) {
            throw new LabException(LabException.FAILED, "cannot write " + file, e);
        }
        if (mlb.apply(file).code() != 0) throw new LabException(LabException.FAILED, "mlb apply failed");
        c.begin(victim().name() + " loses 10 % of its packets at random for 60 s, two targets");
        int changes;
        try (LabMonitor monitor = LabMonitor.start(t, file, this::written)) {
            int before = changes(monitor, victim());
            session.lab().lossy(victim(), 10);
            try {
                LabProcesses.sleep(60_000);
            } finally {
                session.lab().lossless(victim());
            }
            changes = changes(monitor, victim()) - before;
        }
        c.done(changes + " state changes");
        table.row("false downs, 10 % loss for 60 s", "0 state changes", String.valueOf(changes), changes == 0 ? "ok" : "FAIL");
    }

    private static int changes(LabMonitor monitor, Isp isp) {
        return (int) monitor.lines().stream().filter(l -> l.matches(".* " + isp.name() + " (down|up|degraded|recovered): .*")).count();
    }

    /** Cut and healed every second for 30 s: a 1 s cut is 2 rounds, short of down = 3. */
    private void flapping() {
        Path file = apply(LabSpec.of(t), "monitor");
        c.begin(victim().name() + " cut and healed every second for 30 s");
        int changes;
        try (LabMonitor monitor = LabMonitor.start(t, file, this::written)) {
            int before = changes(monitor, victim());
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until) {
                session.lab().cut(victim());
                LabProcesses.sleep(1000);
                session.lab().heal(victim());
                LabProcesses.sleep(1000);
            }
            LabProcesses.sleep(2000);
            changes = changes(monitor, victim()) - before;
        }
        c.done(changes + " state changes");
        // Every change needs down (or up) rounds in a row of the other outcome: 32 s of rounds hold that many.
        long bound = Duration.ofSeconds(32).toMillis() / (Check.DEFAULT_DOWN * Check.DEFAULT_INTERVAL.toMillis());
        table.row("flapping every second for 30 s", "≤ 32 s / (" + Check.DEFAULT_DOWN + " x " + ms(Check.DEFAULT_INTERVAL)
                + ") = " + bound + " changes", changes + " changes", changes <= bound ? "ok" : "FAIL");
    }

    /** 3 links x 2 targets at the default rounds for two minutes: the monitor's resident memory and CPU share, idle after the first. */
    private void footprint() {
        String targets = "targets = [\"" + t.serverAddresses().get(0) + "\", \"" + t.serverAddresses().get(1) + "\"]";
        Path file = mlb.write(LabSpec.of(t), "footprint");
        try {
            Files.writeString(file, Files.readString(file).replace("targets = [\"" + t.server() + "\"]", targets));
        } catch (IOException e) {
            throw new LabException(LabException.FAILED, "cannot write " + file, e);
        }
        if (mlb.apply(file).code() != 0) throw new LabException(LabException.FAILED, "mlb apply failed");
        c.begin("mlb monitor idle for 2 minutes: " + t.isps().size() + " links x 2 targets, " + 1000 / Check.DEFAULT_INTERVAL.toMillis()
                + " rounds/s");
        // The first minute is the JVM compiling the monitor's code (a third of that minute's CPU): shown, but idle is after.
        Footprint first;
        Footprint f;
        try (LabMonitor monitor = LabMonitor.start(t, file, this::written)) {
            LabProcesses.sleep(5000);
            Footprint.Sample a = Footprint.sample(monitor.pid());
            LabProcesses.sleep(60_000);
            Footprint.Sample b = Footprint.sample(monitor.pid());
            LabProcesses.sleep(60_000);
            first = Footprint.between(a, b);
            f = Footprint.between(b, Footprint.sample(monitor.pid()));
        }
        c.done(String.format(Locale.ROOT, "%.0f MiB, %.2f %% of a core (%.2f %% in its first minute)", f.rssMiB(), f.cpuPercent(),
                first.cpuPercent()));
        table.row("monitor footprint: resident memory", "≤ 96 MiB", String.format(Locale.ROOT, "%.0f MiB", f.rssMiB()),
                f.rssMiB() <= 96 ? "ok" : "over");
        table.row("monitor footprint: CPU over 60 s, after a minute", "≤ 1 % of a core", String.format(Locale.ROOT,
                "%.2f %% (first minute %.2f %%)", f.cpuPercent(), first.cpuPercent()), f.cpuPercent() <= 1 ? "ok" : "over");
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) return Double.NaN;
        List<Double> s = xs.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static String ms(Duration d) {
        return d.toMillis() + " ms";
    }
}
