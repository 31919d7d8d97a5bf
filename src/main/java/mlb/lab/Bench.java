package mlb.lab;

import mlb.view.TextTable;
import mlb.lab.traffic.DownloadReport;
import mlb.proc.Runner;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** `mlb lab bench`: the lab's measurements of mlb, as one table with a verdict per line. */
final class Bench {
    record Settings(int connections, int downloads, long bytes) {
    }

    private final Runner runner;
    private final RouterMlb mlb;
    private final Topology topology;
    private final Settings settings;
    private final Console c;
    private final TextTable table = new TextTable("measure", "target", "measured", "verdict");
    private String footnote;

    Bench(Runner runner, Topology topology, Settings settings, Console console) {
        this.runner = runner;
        this.mlb = new RouterMlb(topology);
        this.topology = topology;
        this.settings = settings;
        this.c = console;
    }

    int run() {
        LabSpec spec = LabSpec.of(topology);
        LabSession.requireAbsent(runner, topology.prefix());
        c.title("mlb lab bench");
        c.begin("building the lab (" + topology.isps().stream().map(i -> i.rate().tc())
                .collect(Collectors.joining(", ")) + ")");
        try (LabSession session = LabSession.open(runner, topology, true)) {
            c.done("up");
            Measurements m = new Measurements(session);
            apply(spec, "bandwidth weights");
            shares(m, spec);
            throughput(m);
            weightChange(m, spec);
            connmark(m, spec);
            cut(m, spec);
            new MonitorBench(session, mlb, c, table).run();
        }
        c.raw("\n" + table.render(""));
        if (footnote != null) c.raw(footnote + "\n");
        c.raw("timelines of the cuts (SVG): " + TimelineFiles.of(topology).dir() + "/\n");
        return 0;
    }

    private void shares(Measurements m, LabSpec spec) {
        c.begin(settings.connections() + " new connections");
        Shares s = m.shares(spec, settings.connections());
        c.done(s.failed() + " failed");
        for (Shares.Row r : s.rows()) {
            boolean ok = Math.abs(r.deviation()) * 100 <= 5;
            table.row("share " + r.link(), TextTable.pct(r.expected()) + " ±5 pt",
                    TextTable.pct(r.measured()), ok ? "ok" : "off");
        }
    }

    private void throughput(Measurements m) {
        c.begin(settings.downloads() + " parallel downloads of " + Units.size(settings.bytes()));
        DownloadReport r = m.downloads(settings.downloads(), settings.bytes(), Duration.ofSeconds(180));
        Throughput tp = Throughput.of(r, topology);
        c.done(tp.broken() + " broken");
        table.row("aggregate vs sum of rates", "≥ 90 % of " + TextTable.mbit(tp.sumOfRatesBitsPerSecond()),
                TextTable.mbit(tp.aggregateBitsPerSecond()) + " (" + TextTable.pct(tp.ofSum()) + ")",
                tp.ofSum() >= 0.9 ? "ok" : "low");
        table.row("makespan vs ideal", TextTable.seconds(tp.idealMs()),
                TextTable.seconds(tp.makespanMs()) + String.format(Locale.ROOT, " (x%.2f)", tp.makespanMs() / tp.idealMs()),
                "-");
        table.row("downloads broken", "0", String.valueOf(tp.broken()), tp.broken() == 0 ? "ok" : "FAIL");
    }

    /** Long downloads run while the weights change; a resilient group must leave every one of them in place. */
    private void weightChange(Measurements m, LabSpec spec) {
        LabSpec changed = reversedUnderDownloads(m, spec, "weights reversed after 3 s", "flows broken by a weight change");
        // The other side of keeping flows: new flows follow the new weights only as buckets move.
        Shares after = m.shares(changed, settings.connections());
        table.row("new-flow shares after the change", percents(after, true), percents(after, false),
                after.worstDeviationPoints() <= 5 ? "ok" : "off");
        footnote = "A resilient nexthop group moves a bucket to its new link only once the bucket has been idle\n"
                + "for the group's idle_timer (`ip nexthop show`): new flows converge to changed weights gradually.";
    }

    /** Applies the spec with its weights reversed while long downloads run; a row for the broken ones. */
    private LabSpec reversedUnderDownloads(Measurements m, LabSpec spec, String what, String row) {
        long bytes = topology.totalRate().bytesPerSecond() * 8 / settings.downloads();
        c.begin(settings.downloads() + " downloads of " + Units.size(bytes) + ", " + what);
        LanClient.Pending<DownloadReport> running = new LanClient(topology)
                .download(settings.downloads(), bytes, m.servers(), Duration.ofSeconds(120));
        LabProcesses.sleep(3_000);
        LabSpec changed = spec.withWeights(topology.isps().stream().map(i -> topology.isps().size() + 1 - i.index()).toList());
        apply(changed, null);
        DownloadReport r = running.await();
        c.done(r.broken() + " broken");
        table.row(row, "0", r.broken() + " of " + r.downloads().size(), r.broken() == 0 ? "ok" : "FAIL");
        return changed;
    }

    /**
     * The same links in connmark mode: shares exact per cycle of the weights, and a weight change that breaks no
     * running download and applies from the next new connection (exactly, where route mode converges slowly).
     */
    private void connmark(Measurements m, LabSpec routed) {
        LabSpec spec = routed.withMode("connmark");
        apply(spec, "connmark mode");
        c.begin(settings.connections() + " new connections in connmark mode");
        Shares s = m.shares(spec, settings.connections());
        c.done(s.failed() + " failed");
        table.row("connmark shares (wrr)", percents(s, true), percents(s, false) + " (" + s.counts().values().stream()
                .map(String::valueOf).collect(Collectors.joining("/")) + ")", s.worstDeviationPoints() <= 0.5 ? "exact" : "off");
        LabSpec changed = reversedUnderDownloads(m, spec, "connmark weights reversed after 3 s",
                "flows broken by a weight change, connmark");
        Shares after = m.shares(changed, settings.connections());
        table.row("new-connection shares after it, connmark", percents(after, true), percents(after, false),
                after.worstDeviationPoints() <= 1 ? "ok" : "off");
        apply(routed, null);
    }

    private static String percents(Shares s, boolean expected) {
        return s.rows().stream().map(r -> String.format(Locale.ROOT, "%.0f", (expected ? r.expected() : r.measured()) * 100))
                .collect(Collectors.joining("/")) + " %";
    }

    /** Without the monitor, a dead upstream fails the new flows hashed onto it: about its share of them. */
    private void cut(Measurements m, LabSpec spec) {
        Isp victim = topology.isps().get(topology.isps().size() > 1 ? 1 : 0);
        c.begin("probing every 100 ms while " + victim.name() + "'s upstream is cut for 4 s");
        Measurements.CutRun run = m.cut(victim, Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMillis(100));
        c.done(run.during().failed() + " of " + run.during().probes() + " failed");
        TimelineFiles.of(topology).write("cut-no-monitor", CutTimeline.of("mlb lab bench, route mode: " + victim.name()
                + " cut for 4 s without mlb monitor", topology, run, java.util.Optional.empty(), List.of()));
        table.row("new flows failing, " + victim.name() + " cut, no monitor", TextTable.pct(spec.share(victim)) + " (its share)",
                TextTable.pct(run.during().failedShare()), "-");
        table.row("probes failing after heal", "0", String.valueOf(run.after().failed()),
                run.after().failed() == 0 ? "ok" : "FAIL");
    }

    private void apply(LabSpec spec, String what) {
        mlb.applyOrFail(spec, "bench");
        if (what != null) c.line("applied the lab spec with " + what);
    }
}
