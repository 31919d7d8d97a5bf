package mlb.monitor;

import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.control.Option;
import mlb.history.MonitorView;
import mlb.monitor.health.Fleet;
import mlb.monitor.health.LinkHealth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the monitor's view of the links in the state directory: at once when a link or the balancing changes,
 * and every few seconds for the figures (rtt, loss), so the file never costs a write per round.
 */
final class ViewWriter {
    private static final Duration EVERY = Duration.ofSeconds(2);
    private final Path stateDir;
    private final String target;
    private final Instant started;
    private final Clock clock;
    private final Log log;
    private Instant written = Instant.EPOCH;
    private Option<List<String>> lastShape = Option.none();
    private boolean warned;

    ViewWriter(Path stateDir, String target, Instant started, Clock clock, Log log) {
        this.stateDir = stateDir;
        this.target = target;
        this.started = started;
        this.clock = clock;
        this.log = log;
    }

    void write(Monitored m, Fleet fleet, SortedSet<String> balancing, Option<String> holding, int unrecorded) {
        Instant now = clock.instant();
        MonitorView v = view(m, fleet, balancing, holding, now, unrecorded);
        List<String> shape = v.links().map(l -> l.name() + "=" + l.state()).append("in=" + balancing)
                .append("unrecorded=" + unrecorded);
        if (lastShape.contains(shape) && Duration.between(written, now).compareTo(EVERY) < 0) return;
        try {
            v.write(stateDir, target);
            written = now;
            lastShape = Option.some(shape);
            warned = false;
        } catch (IOException e) {
            if (!warned) log.problem("cannot write " + MonitorView.file(stateDir, target) + ": " + e.getMessage());
            warned = true;
        }
    }

    MonitorView view(Monitored m, Fleet fleet, SortedSet<String> balancing, Option<String> holding, Instant now, int unrecorded) {
        List<MonitorView.LinkView> links = List.ofAll(m.names()).map(name -> link(m, fleet, name));
        return new MonitorView(ProcessHandle.current().pid(), started, now, m.file().toAbsolutePath().normalize().toString(),
                balancing, holding, links,
                unrecorded);
    }

    private MonitorView.LinkView link(Monitored m, Fleet fleet, String name) {
        String dev = m.link(name).map(l -> l.dev()).getOrElse("");
        int weight = m.link(name).map(l -> l.weight()).getOrElse(0);
        Option<LinkHealth> h = fleet.health(name);
        if (h.isEmpty()) return new MonitorView.LinkView(name, dev, "unprobed", started, "no [link.check]: counted as up",
                Option.none(), Option.none(), Option.none(), weight);
        LinkHealth x = h.get();
        return new MonitorView.LinkView(name, dev, x.state().name().toLowerCase(), x.since(), x.reason().text(),
                x.lastRtt().map(ViewWriter::ms), x.lossPercent(), x.meanRtt().map(ViewWriter::ms), weight);
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
