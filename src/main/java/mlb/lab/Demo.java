package mlb.lab;

import mlb.view.TextTable;
import mlb.lab.traffic.DownloadReport;
import mlb.proc.Runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * `mlb lab demo`: builds the lab, applies the lab spec with mlb, and shows with real packets how new
 * connections and bulk downloads spread over the links, what a dead upstream does, then removes everything.
 */
final class Demo {
    record Settings(int connections, int downloads, long bytes, String cut, Duration cutFor, String mode) {
    }

    private final Runner runner;
    private final RouterMlb mlb;
    private final Topology topology;
    private final Settings settings;
    private final Console c;
    private final List<String[]> summary = new ArrayList<>();
    private Path specFile;

    Demo(Runner runner, Topology topology, Settings settings, Console console) {
        this.runner = runner;
        this.mlb = new RouterMlb(topology);
        this.topology = topology;
        this.settings = settings;
        this.c = console;
    }

    int run() {
        Isp victim = topology.isp(settings.cut()).orElseThrow(() ->
                new IllegalArgumentException("--cut " + settings.cut() + ": the lab has isp1..isp" + topology.isps().size()));
        LabSession.requireAbsent(runner, topology.prefix());
        c.title("mlb lab demo: " + topology.isps().size() + " shaped links, real packets, nothing outside namespaces");
        LabSpec spec = LabSpec.of(topology).withMode(settings.mode());
        c.heading("Building the lab");
        c.begin("namespaces, veths, shapers, NAT, traffic server");
        try (LabSession session = LabSession.open(runner, topology, true)) {
            c.done("up");
            Describe.topology(topology).forEach(c::line);
            Measurements m = new Measurements(session);
            before(m, spec);
            apply(spec);
            shares(m, spec);
            downloads(m);
            cut(m, spec, victim);
            c.heading("Tearing down");
            c.begin("stopping the server, deleting namespaces");
            List<String> removed = session.teardown();
            c.done("removed " + removed.size() + " namespaces");
        }
        c.heading("Summary");
        TextTable t = new TextTable("measure", "expected", "measured");
        summary.forEach(r -> t.row((Object[]) r));
        c.raw(t.render("    "));
        return 0;
    }

    private void before(Measurements m, LabSpec spec) {
        c.heading("Before mlb: 200 new connections from the LAN host");
        Shares s = m.shares(spec, 200);
        c.line(sharesLine(s) + "  (the router's main table sends everything via isp1)");
    }

    private void apply(LabSpec spec) {
        c.heading("mlb plan and apply in " + topology.routerNs());
        Path file = mlb.write(spec, "lab");
        specFile = file;
        c.line("spec " + file + ":");
        c.block(indent(spec.toml()));
        RouterMlb.Result plan = mlb.plan(file);
        c.line("$ mlb plan -f " + file + " --netns " + topology.routerNs() + "   (exit " + plan.code() + ")");
        c.block(indent(plan.out() + plan.err()));
        RouterMlb.Result apply = mlb.apply(file);
        c.line("$ mlb apply -f " + file + " --netns " + topology.routerNs() + " --yes   (exit " + apply.code() + ")");
        c.block(indent(tail(apply.out(), 2) + apply.err()));
        if (apply.code() != 0) throw new LabException(LabException.FAILED, "mlb apply failed (exit " + apply.code() + ")");
    }

    /** apply prints the plan again before applying; the demo has just shown it, so only the outcome is kept. */
    private static String tail(String text, int lines) {
        java.util.List<String> l = text.lines().toList();
        return String.join("\n", l.subList(Math.max(0, l.size() - lines), l.size()));
    }

    private void shares(Measurements m, LabSpec spec) {
        c.heading("Per-connection shares: " + settings.connections() + " new connections ("
                + (spec.mode().equals("route") ? "hash l4" : "connmark, wrr: exact per cycle") + ")");
        Shares s = m.shares(spec, settings.connections());
        TextTable t = new TextTable("link", ">rate", ">expected", ">connections", ">measured", ">deviation");
        for (Shares.Row r : s.rows()) {
            Isp isp = topology.isp(r.link()).orElseThrow();
            t.row(r.link(), isp.rate(), TextTable.pct(r.expected()), r.count(), TextTable.pct(r.measured()),
                    String.format(Locale.ROOT, "%+.1f pt", r.deviation() * 100));
        }
        c.raw(t.render("    "));
        if (s.failed() > 0 || s.other() > 0) c.line(s.failed() + " failed, " + s.other() + " from other sources");
        summary.add(new String[]{"connection shares " + names() + " (" + spec.mode() + ")", expectedShares(spec), measuredShares(s)});
        otherMode(m, spec);
    }

    /** The same count in the other mode, side by side (then the demo's own spec again, for the rest). */
    private void otherMode(Measurements m, LabSpec spec) {
        LabSpec other = spec.withMode(spec.mode().equals("route") ? "connmark" : "route");
        mlb.applyOrFail(other, "lab-" + other.mode());
        Shares s = m.shares(other, settings.connections());
        mlb.applyOrFail(spec, "lab");
        c.line("the same in " + other.mode() + " mode (applied, measured, then " + spec.mode() + " again): "
                + s.rows().stream().map(r -> String.format(Locale.ROOT, "%s %d (%.1f %%)", r.link(), r.count(), r.measured() * 100))
                .collect(Collectors.joining(", ")) + (s.failed() > 0 ? ", failed " + s.failed() : ""));
        summary.add(new String[]{"connection shares " + names() + " (" + other.mode() + ")", expectedShares(other), measuredShares(s)});
    }

    private void downloads(Measurements m) {
        long n = settings.downloads();
        c.heading("Parallel download: " + n + " x " + Units.size(settings.bytes()) + " over all servers");
        c.begin("downloading");
        DownloadReport report = m.downloads(settings.downloads(), settings.bytes(), Duration.ofSeconds(120));
        Throughput tp = Throughput.of(report, topology);
        c.done(report.broken() == 0 ? "all complete" : report.broken() + " broken");
        TextTable t = new TextTable("link", ">rate", ">downloads", ">bytes", ">busy", ">throughput", ">of rate");
        for (Throughput.Row r : tp.rows()) {
            t.row(r.link(), r.rate(), r.downloads(), Units.size(r.bytes()), TextTable.seconds(r.busyMs()),
                    TextTable.mbit(r.bitsPerSecond()), TextTable.pct(r.ofRate()));
        }
        c.raw(t.render("    "));
        c.line("aggregate " + TextTable.mbit(tp.aggregateBitsPerSecond()) + " of " + TextTable.mbit(
                tp.sumOfRatesBitsPerSecond()) + " (" + TextTable.pct(tp.ofSum()) + "); TCP/IP headers take ~4 %");
        c.line("makespan " + TextTable.seconds(tp.makespanMs()) + " vs ideal " + TextTable.seconds(tp.idealMs())
                + " (all bytes over the sum of rates)");
        summary.add(new String[]{"aggregate throughput", TextTable.mbit(tp.sumOfRatesBitsPerSecond()),
                TextTable.mbit(tp.aggregateBitsPerSecond()) + " (" + TextTable.pct(tp.ofSum()) + ")"});
        summary.add(new String[]{"makespan " + n + " x " + Units.size(settings.bytes()),
                TextTable.seconds(tp.idealMs()) + " ideal", TextTable.seconds(tp.makespanMs())});
        summary.add(new String[]{"downloads broken", "0", String.valueOf(tp.broken())});
    }

    private void cut(Measurements m, LabSpec spec, Isp victim) {
        c.heading("Cutting " + victim.name() + "'s upstream for " + settings.cutFor().toSeconds()
                + " s with mlb monitor running (carrier stays up)");
        c.begin("starting mlb monitor in " + topology.routerNs());
        try (LabMonitor monitor = LabMonitor.start(topology, specFile)) {
            c.done("every link judged");
            int n = topology.isps().size() * 4;
            c.begin("new connections every 100 ms and " + n + " long downloads, across the cut and the heal");
            Measurements.FailoverRun run = m.failover(victim, Duration.ofSeconds(1), settings.cutFor(), Duration.ofMillis(100), n);
            c.done("done");
            failover(run, new MonitorLog(monitor.lines()), victim);
            String title = "mlb lab demo, " + spec.mode() + " mode: " + victim.name() + "'s upstream cut for "
                    + settings.cutFor().toSeconds() + " s under " + n + " downloads";
            c.line("timeline: " + TimelineFiles.of(topology).write(TimelineFiles.name("demo", spec.mode(), "cut1"),
                    CutTimeline.of(title, topology, run.cut(), java.util.Optional.of(run.downloads()), monitor.lines())));
        }
    }

    private void failover(Measurements.FailoverRun run, MonitorLog log, Isp victim) {
        Measurements.CutRun cut = run.cut();
        java.time.Instant cutAt = java.time.Instant.ofEpochMilli(cut.cutDone());
        java.time.Instant healAt = java.time.Instant.ofEpochMilli(cut.healDone());
        java.util.Optional<MonitorLog.Entry> down = log.first(victim.name() + " down:", cutAt);
        // The change that took it out: the first after the verdict (under load, another came between the cut and it).
        java.util.Optional<MonitorLog.Entry> out = down.flatMap(d -> log.first("balancing over", d.at()));
        java.util.Optional<MonitorLog.Entry> up = log.first(victim.name() + " up:", healAt);
        down.ifPresent(d -> c.line(String.format(Locale.ROOT, "mlb monitor: %s (%.2f s after the cut)", d.text(), d.secondsAfter(cutAt))));
        out.ifPresent(o -> c.line("  " + o.text()));
        Outages during = cut.during();
        double outage = during.spanMs(cut.report().intervalMs());
        c.line(String.format(Locale.ROOT, "new connections failed for %.1f s after the cut (%d of %d, those sent to %s),"
                        + " then none; %d of %d after healing", outage / 1000, during.failed(), during.probes(), victim.name(),
                cut.after().failed(), cut.after().probes()));
        up.ifPresent(u -> c.line(String.format(Locale.ROOT, "mlb monitor: %s (%.2f s after the heal)", u.text(), u.secondsAfter(healAt))));
        java.util.Map<String, long[]> broken = run.brokenPerLink(topology);
        c.line("long downloads broken: " + broken.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[0] + " of "
                + e.getValue()[1] + (e.getKey().equals(victim.name()) ? " (on the cut line itself)" : "")).collect(Collectors.joining(", ")));
        long survivorsBroken = broken.entrySet().stream().filter(e -> !e.getKey().equals(victim.name())).mapToLong(e -> e.getValue()[0]).sum();
        summary.add(new String[]{"failover: new connections failing", "at most 2.0 s (mwan3: ~70 s)",
                String.format(Locale.ROOT, "%.1f s", outage / 1000)});
        summary.add(new String[]{"downloads broken on the other links", "0 (failover and failback)", String.valueOf(survivorsBroken)});
    }

    private String names() {
        return topology.isps().stream().map(Isp::name).collect(Collectors.joining("/"));
    }

    private String expectedShares(LabSpec spec) {
        return topology.isps().stream().map(i -> String.format(Locale.ROOT, "%.0f", spec.share(i) * 100))
                .collect(Collectors.joining("/")) + " %";
    }

    private static String measuredShares(Shares s) {
        return s.rows().stream().map(r -> String.format(Locale.ROOT, "%.1f", r.measured() * 100))
                .collect(Collectors.joining("/")) + " %";
    }

    private static String sharesLine(Shares s) {
        return s.rows().stream().map(r -> r.link() + " " + r.count()).collect(Collectors.joining(", "))
                + (s.failed() > 0 ? ", failed " + s.failed() : "");
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).collect(Collectors.joining("\n"));
    }
}
