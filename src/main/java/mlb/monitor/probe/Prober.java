package mlb.monitor.probe;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs rounds: every target of one link probed in parallel, the whole round returned together once each probe
 * answered or timed out. Probes that settle by themselves ({@link Probe#begin}: icmp) take no thread; blocking
 * ones run on a small pool shared by all links and are cut at timeout + {@link #MARGIN}: a probe still running
 * then (or still queued for a thread) is recorded as a timeout and interrupted. One that throws is recorded as a
 * failure of that target only. A link has at most one round outstanding.
 */
public final class Prober implements AutoCloseable {
    /** How long after its timeout a round is cut, for probes that do not notice their own deadline. */
    public static final Duration MARGIN = Duration.ofMillis(50);

    private final Probe probe;
    private final Clock clock;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService cutter;
    private final Map<String, CompletableFuture<Round>> outstanding = new HashMap<>();

    /** threads: the most probes run at once, for all links together (queued ones wait within their timeout). */
    public Prober(Probe probe, int threads, Clock clock) {
        if (threads < 1) throw new IllegalArgumentException("a prober needs at least one thread: " + threads);
        this.probe = probe;
        this.clock = clock;
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemons("mlb-probe"));
        this.pool.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor cut = new ScheduledThreadPoolExecutor(1, daemons("mlb-probe-cut"));
        cut.setRemoveOnCancelPolicy(true);
        this.cutter = cut;
    }

    /**
     * Starts a round of link, or returns empty while its previous round is still outstanding. The future
     * completes on one of the prober's threads: hand anything slow (an apply) to an executor of your own.
     *
     */
    public synchronized Optional<CompletableFuture<Round>> start(ProbeLink link, List<ProbeTarget> targets,
                                                                 Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("a timeout must be > 0: " + timeout);
        CompletableFuture<Round> previous = outstanding.get(link.name());
        if (previous != null && !previous.isDone()) return Optional.empty();
        CompletableFuture<Round> round = run(link, List.copyOf(targets), timeout);
        outstanding.put(link.name(), round);
        return Optional.of(round);
    }

    private CompletableFuture<Round> run(ProbeLink link, List<ProbeTarget> targets, Duration timeout) {
        var started = clock.instant();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        List<Future<?>> tasks = new ArrayList<>();
        for (ProbeTarget target : targets) outcomes.add(begin(link, target, timeout).orElseGet(() -> submit(link, target, deadline, tasks)));
        // Probes that settle by themselves need no cut; a cut wakes a thread every round.
        Optional<ScheduledFuture<?>> cut = tasks.isEmpty() ? Optional.empty() : cutAt(timeout.plus(MARGIN), outcomes, tasks);
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            cut.ifPresent(c -> c.cancel(false));
            List<Round.Probed> results = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) results.add(new Round.Probed(targets.get(i), outcomes.get(i).join()));
            return new Round(link, started, results);
        });
    }

    private Optional<CompletableFuture<Outcome>> begin(ProbeLink link, ProbeTarget target, Duration timeout) {
        try {
            return probe.begin(link, target, timeout);
        } catch (RuntimeException e) {
            return Optional.of(CompletableFuture.completedFuture(new Outcome.Failed("probe error: " + Failures.text(e))));
        }
    }

    /** A blocking probe on the pool, to be cut with the round's others. */
    private CompletableFuture<Outcome> submit(ProbeLink link, ProbeTarget target, long deadline, List<Future<?>> tasks) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        try {
            tasks.add(pool.submit(() -> outcome.complete(attempt(link, target, deadline))));
        } catch (RejectedExecutionException e) {
            outcome.complete(new Outcome.Failed("the prober was closed"));
        }
        return outcome;
    }

    /** Completes what has not answered by then as timeouts, and interrupts those probes. */
    private Optional<ScheduledFuture<?>> cutAt(Duration after, List<CompletableFuture<Outcome>> outcomes, List<Future<?>> tasks) {
        try {
            return Optional.of(cutter.schedule(() -> {
                outcomes.forEach(o -> o.complete(Outcome.timeout()));
                tasks.forEach(t -> t.cancel(true));
            }, after.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            outcomes.forEach(o -> o.complete(new Outcome.Failed("the prober was closed")));
            return Optional.empty();
        }
    }

    /** One probe with what is left of the round's time; whatever it throws is its target's failure. */
    private Outcome attempt(ProbeLink link, ProbeTarget target, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return Outcome.timeout();
        try {
            Outcome o = probe.attempt(link, target, Duration.ofNanos(left));
            return o == null ? new Outcome.Failed("probe error: no outcome") : o;
        } catch (RuntimeException | Error e) {
            return new Outcome.Failed("probe error: " + Failures.text(e));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        cutter.shutdownNow();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
