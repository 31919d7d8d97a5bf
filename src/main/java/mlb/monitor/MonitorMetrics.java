package mlb.monitor;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.engine.Status;
import mlb.history.MonitorView;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The monitor's Prometheus endpoint. The figures per link are those of the target's {@link Status} (what
 * `mlb status` shows), computed when scraped and kept a second so one scrape reads the kernel once; the
 * counters of state changes and applies are the monitor's own.
 */
final class MonitorMetrics implements AutoCloseable {
    private static final Duration FRESH = Duration.ofSeconds(1);
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter changes = Counter.builder().name("mlb_link_state_changes_total")
            .help("Link state changes the monitor saw").labelNames("link").register(registry);
    private final Counter applies = Counter.builder().name("mlb_monitor_applies_total")
            .help("Kernel changes the monitor applied, by outcome").labelNames("outcome").register(registry);
    private final Summary applyTime = Summary.builder().name("mlb_monitor_apply_seconds")
            .help("From a link verdict to the kernel changed and verified").register(registry);
    private final Supplier<Option<Status>> status;
    private final Clock clock;
    private Option<Status> cached = Option.none();
    private Instant cachedAt = Instant.EPOCH;
    private Option<HTTPServer> server = Option.none();

    MonitorMetrics(Supplier<Option<Status>> status, Clock clock) {
        this.status = status;
        this.clock = clock;
        links();
        traffic();
    }

    private void links() {
        gauge("mlb_link_in_balancing", "1 when the link carries balanced traffic", (m, l) -> m.balancing().contains(l.name()) ? 1 : 0);
        gauge("mlb_link_weight", "The link's weight in the balancing (0 when out)", (m, l) -> m.balancing().contains(l.name()) ? l.weight() : 0);
        gauge("mlb_link_last_rtt_seconds", "The last answered probe's round trip", (m, l) -> l.lastRttMs().map(x -> x / 1000).getOrElse(Double.NaN));
        gauge("mlb_link_mean_rtt_seconds", "Mean round trip over the quality window", (m, l) -> l.meanRttMs().map(x -> x / 1000).getOrElse(Double.NaN));
        gauge("mlb_link_loss_ratio", "Lost probes over the quality window", (m, l) -> l.lossPercent().map(x -> x / 100.0).getOrElse(Double.NaN));
        gauge("mlb_link_state_since_seconds", "When the link entered its state (unix time)", (m, l) -> l.since().getEpochSecond());
        GaugeWithCallback.builder().name("mlb_link_state").help("1 for the link's state").labelNames("link", "state")
                .callback(cb -> view().forEach(m -> m.links().forEach(l -> cb.call(1, l.name(), l.state())))).register(registry);
        GaugeWithCallback.builder().name("mlb_monitor_start_time_seconds").help("When the monitor started (unix time)")
                .callback(cb -> view().forEach(m -> cb.call(m.started().getEpochSecond()))).register(registry);
    }

    private void traffic() {
        counter("mlb_link_receive_bytes_total", "Bytes received on the link's device", t -> t.rxBytes());
        counter("mlb_link_transmit_bytes_total", "Bytes sent on the link's device", t -> t.txBytes());
        counter("mlb_link_receive_packets_total", "Packets received on the link's device", t -> t.rxPackets());
        counter("mlb_link_transmit_packets_total", "Packets sent on the link's device", t -> t.txPackets());
    }

    private interface LinkFigure {
        double of(MonitorView m, MonitorView.LinkView l);
    }

    private void gauge(String name, String help, LinkFigure f) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("link")
                .callback(cb -> view().forEach(m -> m.links().forEach(l -> cb.call(f.of(m, l), l.name())))).register(registry);
    }

    private void counter(String name, String help, java.util.function.ToLongFunction<mlb.kernel.Traffic> f) {
        CounterWithCallback.builder().name(name).help(help).labelNames("link")
                .callback(cb -> current().flatMap(Status::monitor).forEach(m -> m.traffic()
                        .forEach((link, t) -> cb.call(f.applyAsLong(t), link)))).register(registry);
    }

    private Option<MonitorView> view() {
        return current().flatMap(Status::monitor).map(Status.Monitoring::view);
    }

    private synchronized Option<Status> current() {
        Instant now = clock.instant();
        if (cached.isEmpty() || Duration.between(cachedAt, now).compareTo(FRESH) > 0) {
            cached = status.get();
            cachedAt = now;
        }
        return cached;
    }

    void changed(String link) {
        changes.labelValues(link).inc();
    }

    void applied(ApplyResult r, long ms) {
        applies.labelValues(r.outcome().name().toLowerCase()).inc();
        applyTime.observe(ms / 1000.0);
    }

    /** Serves /metrics on address (loopback in the examples: the figures say how the router's links are). */
    void serve(InetSocketAddress address) throws IOException {
        server = Option.some(HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                .registry(registry).buildAndStart());
    }

    PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.forEach(HTTPServer::close);
    }
}
