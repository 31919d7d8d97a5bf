package mlb.monitor;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.engine.Engine;
import mlb.engine.Inputs;
import mlb.engine.Lock;
import mlb.engine.Refusal;
import mlb.engine.Workspace;
import mlb.kernel.Devices;
import mlb.monitor.conntrack.Conntrack;
import mlb.monitor.hook.Hooks;
import mlb.monitor.probe.Probe;
import mlb.monitor.probe.Prober;
import mlb.proc.Target;
import mlb.spec.Spec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * `mlb monitor`: probes every checked link through itself on its own schedule, feeds the rounds to the
 * reconcile loop on one thread, and keeps the status file and the metrics. Runs until SIGINT or SIGTERM (or
 * stop()); stopping leaves the kernel as the monitor last set it. Everything it spawns ends with it.
 */
public final class Monitor {
    /** What the monitor uses to reach the world, real or fake. */
    public record Tools(Probe probe, Conntrack conntrack, Hooks hooks, mlb.monitor.carrier.CarrierWatch carrier) {
        /** Without kernel link events: the probes alone decide. */
        public Tools(Probe probe, Conntrack conntrack, Hooks hooks) {
            this(probe, conntrack, hooks, (events, changes) -> () -> { });
        }
    }

    private final Workspace ws;
    private final Target target;
    private final Path specFile;
    private final Tools tools;
    private final Log log;
    private final Clock clock;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("mlb-monitor-tick"));
    private final ExecutorService decider = Executors.newSingleThreadExecutor(daemon("mlb-monitor"));
    /** Set once the monitor runs: its hooks' outcomes are logged before it says it stopped. */
    private volatile Reactions reactions;
    /** The kernel's link events, followed while the monitor runs. */
    private volatile AutoCloseable carrier = () -> { };
    private final List<ScheduledFuture<?>> rounds = new ArrayList<>();
    private final Object stopped = new Object();
    private volatile boolean stopping;
    /** Rounds that finished, handed to the decider together; then the status file, if the balancing changed. */
    private Handoff judged = new Handoff(Runnable::run, () -> { });
    private io.vavr.collection.SortedSet<String> written = io.vavr.collection.TreeSet.empty();

    public Monitor(Workspace ws, Target target, Path specFile, Tools tools, Log log, Clock clock) {
        this.ws = ws;
        this.target = target;
        this.specFile = specFile;
        this.tools = tools;
        this.log = log;
        this.clock = clock;
    }

    /** Runs until stopped; a spec that cannot be read or does not fit is a refusal before anything starts. */
    public Either<Refusal, Monitor> run(Spec spec, Option<InetSocketAddress> metricsAddress) {
        EngineEvents heard = new EngineEvents(log, clock);
        Engine engine = new Engine(ws, target, heard);
        // One monitor per target: a second one would fight this one over the group with another view of the links.
        Either<Refusal, Lock> alone = engine.monitorLock();
        if (alone.isLeft()) return Either.left(alone.getLeft());
        try (Lock held = alone.get()) {
            return run(engine, heard, spec, metricsAddress);
        } catch (java.io.IOException e) {
            log.problem("releasing the monitor's lock: " + e.getMessage());
            return Either.right(this);
        }
    }

    private Either<Refusal, Monitor> run(Engine engine, EngineEvents heard, Spec spec, Option<InetSocketAddress> metricsAddress) {
        Devices devices = ws.kernels().apply(target).devices();
        Monitored first = Monitored.of(spec, specFile, devices);
        Instant started = clock.instant();
        MonitorMetrics metrics = new MonitorMetrics(() -> engine.status().toOption(), clock);
        ViewWriter view = new ViewWriter(ws.stateDir(), target.id(), started, clock, log);
        ReconcileLoop[] loop = new ReconcileLoop[1];
        Reactions reactions = new Reactions(tools.hooks(), tools.conntrack(), log, () -> loop[0].monitored(), metrics);
        this.reactions = reactions;
        loop[0] = new ReconcileLoop(engine, heard, first, clock, log, reactions);
        Either<Refusal, Monitor> served = serve(metrics, metricsAddress);
        if (served.isLeft()) return served;
        Prober prober = new Prober(tools.probe(), Math.max(2, first.probed().values().map(p -> p.targets().size()).sum().intValue()), clock);
        SpecWatch watch = new SpecWatch(specFile);
        watch.onHangup();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(engine, prober, metrics), "mlb-monitor-stop"));
        log.line("mlb monitor " + target + ": " + Describe.links(first) + " (spec " + specFile + ")");
        judged = new Handoff(decider, () -> {
            // A person's plan reads this file: when the balancing changed, it must say so at once, not next second.
            if (!loop[0].effective().equals(written)) writeView(view, loop[0], engine);
        });
        schedule(loop[0], prober, first);
        mlb.kernel.Generation changes = new mlb.kernel.Generation();
        engine.followEvents(changes);
        carrier = tools.carrier().start(e -> decider.execute(() -> loop[0].carrier(e)), changes);
        ticker.scheduleAtFixedRate(() -> decider.execute(() -> second(engine, loop[0], view, watch, devices, prober)),
                1, 1, TimeUnit.SECONDS);
        waitUntilStopped();
        return Either.right(this);
    }

    private Either<Refusal, Monitor> serve(MonitorMetrics metrics, Option<InetSocketAddress> address) {
        if (address.isEmpty()) return Either.right(this);
        try {
            metrics.serve(address.get());
            log.line("metrics on " + MetricsEndpoint.url(address.get()) + (target.netns().isPresent() ? " in " + target : ""));
            MetricsEndpoint.exposure(address.get(), target).forEach(log::problem);
            return Either.right(this);
        } catch (java.io.IOException e) {
            return Either.left(MetricsEndpoint.refusal(address.get(), e, target));
        }
    }

    /**
     * Every checked link on its own interval; links of one interval start their rounds together, so that the
     * ticker wakes once for all of them. A link without an address yet has its rounds fail.
     */
    private void schedule(ReconcileLoop loop, Prober prober, Monitored m) {
        rounds.forEach(f -> f.cancel(false));
        rounds.clear();
        m.probed().values().groupBy(Probed::interval).forEach((interval, links) -> rounds.add(ticker.scheduleAtFixedRate(
                () -> links.forEach(p -> probe(loop, prober, p)), 0, interval.toNanos(), TimeUnit.NANOSECONDS)));
    }

    private void probe(ReconcileLoop loop, Prober prober, Probed p) {
        Option<InetAddress> source = loop.monitored().sources().get(p.link().name()).flatMap(a -> a);
        if (source.isEmpty()) {
            decider.execute(() -> loop.round(p, p.failed(clock.instant(), "no IPv4 address on " + p.link().dev())));
            return;
        }
        prober.start(p.from(source.get()), p.targets(), p.timeout())
                .ifPresent(f -> f.thenAccept(r -> judged.submit(() -> loop.round(p, p.judged(r)))));
    }

    /** Once a second on the decider: reload a changed spec, retry, the grace period, the status file. */
    private void second(Engine engine, ReconcileLoop loop, ViewWriter view, SpecWatch watch, Devices devices, Prober prober) {
        try {
            if (watch.changed()) reload(loop, devices, prober);
            loop.tick();
            engine.recordHeld(false).peekLeft(r -> log.problem("recording the monitor's changes: " + r.message()));
            writeView(view, loop, engine);
        } catch (RuntimeException e) {
            log.problem("monitor step failed (it goes on): " + e);
        }
    }

    private void writeView(ViewWriter view, ReconcileLoop loop, Engine engine) {
        written = loop.effective();
        view.write(loop.monitored(), loop.fleet(), written, loop.holding(), engine.unrecorded());
    }

    private void reload(ReconcileLoop loop, Devices devices, Prober prober) {
        Either<Refusal, Spec> spec = Inputs.spec(specFile);
        if (spec.isLeft()) {
            log.problem("the changed spec is not used: " + spec.getLeft().message() + "; "
                    + String.join("; ", spec.getLeft().context()));
            return;
        }
        if (spec.get().source().equals(loop.monitored().spec().source())) return;
        if (loop.holding().isDefined()) {
            log.line("the spec changed; it is used once the apply waiting for `mlb confirm` is confirmed or reverted");
            return;
        }
        Monitored next = Monitored.of(spec.get(), specFile, devices);
        if (loop.reload(next)) schedule(loop, prober, next);
    }

    private void waitUntilStopped() {
        synchronized (stopped) {
            while (!stopping) {
                try {
                    stopped.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops probing; the kernel stays as the monitor last set it. */
    public void stop() {
        synchronized (stopped) {
            stopping = true;
            stopped.notifyAll();
        }
    }

    private void shutdown(Engine engine, Prober prober, MonitorMetrics metrics) {
        try {
            carrier.close();
        } catch (Exception e) {
            log.problem("stopping the link events: " + e);
        }
        ticker.shutdownNow();
        decider.shutdown();
        try {
            decider.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.recordHeld(true).peekLeft(r -> log.problem("recording the monitor's last changes: " + r.message()));
        if (engine.unrecorded() > 0) log.problem(engine.unrecorded() + " of the monitor's changes are in the kernel but not"
                + " recorded: the state directory could not take them; the next mlb run shows them as drift");
        prober.close();
        // Bounded: waiting hooks are dropped, running ones get a moment and are killed (see ProcessHooks.close).
        if (tools.hooks() instanceof AutoCloseable h) {
            try {
                h.close();
            } catch (Exception e) {
                log.problem("stopping the hooks: " + e);
            }
        }
        Reactions r = reactions;
        if (r != null) r.settle(java.time.Duration.ofSeconds(1));
        if (tools.probe() instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.problem("stopping the probes: " + e);
            }
        }
        metrics.close();
        log.line("mlb monitor stopped; the kernel stays as the monitor last set it");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
