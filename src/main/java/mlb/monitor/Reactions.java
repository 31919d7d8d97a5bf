package mlb.monitor;

import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.SortedSet;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.monitor.conntrack.Conntrack;
import mlb.monitor.conntrack.Deletion;
import mlb.monitor.health.Fleet;
import mlb.monitor.health.LinkHealth;
import mlb.monitor.health.State;
import mlb.monitor.hook.HookEvent;
import mlb.monitor.hook.HookOutcome;
import mlb.monitor.hook.Hooks;
import mlb.spec.Hook;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What follows from the loop's decisions besides the kernel change: hooks on events, the conntrack entries of a
 * link that stayed out past the grace period (that link's only, once), and the counters the metrics show.
 */
final class Reactions {
    private final Hooks hooks;
    /** Hook outcomes not logged yet. */
    private final java.util.Set<CompletableFuture<Void>> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Conntrack conntrack;
    private final Log log;
    private final Supplier<Monitored> monitored;
    private final MonitorMetrics metrics;
    private Map<String, Instant> outSince = HashMap.empty();
    private Set<String> flushed = HashSet.empty();

    Reactions(Hooks hooks, Conntrack conntrack, Log log, Supplier<Monitored> monitored, MonitorMetrics metrics) {
        this.hooks = hooks;
        this.conntrack = conntrack;
        this.log = log;
        this.monitored = monitored;
        this.metrics = metrics;
    }

    void changed(Fleet.LinkEvent e, Probed link, LinkHealth after) {
        metrics.changed(e.link());
        Hook.Event kind = switch (after.state()) {
            case DOWN -> Hook.Event.DOWN;
            case DEGRADED -> Hook.Event.DEGRADED;
            case UP, UNKNOWN -> Hook.Event.UP;
        };
        HookEvent.Kind hookKind = e.event().before() == State.DEGRADED && after.state() == State.UP
                ? HookEvent.Kind.RECOVERED : HookEvent.Kind.valueOf(kind.name());
        run(kind, e.link(), new HookEvent(e.link(), hookKind, link.link().dev(), after.state().name().toLowerCase()));
    }

    void allDown(Probed last, Fleet fleet) {
        run(Hook.Event.ALL_DOWN, last.link().name(), new HookEvent(last.link().name(), HookEvent.Kind.ALL_DOWN,
                last.link().dev(), "down"));
    }

    private void run(Hook.Event event, String link, HookEvent what) {
        for (Hook h : monitored.get().spec().monitor().hooks()) {
            if (!h.runsFor(event, link)) continue;
            mlb.monitor.hook.Hook hook = new mlb.monitor.hook.Hook(Path.of(h.argv().head()), h.argv().tail().asJava(), h.timeout());
            CompletableFuture<Void> logged = hooks.run(hook, what).thenAccept(o -> outcome(h, what, o));
            pending.add(logged);
            logged.whenComplete((v, e) -> pending.remove(logged));
        }
    }

    private void outcome(Hook h, HookEvent what, HookOutcome o) {
        if (o instanceof HookOutcome.Exited x && x.ok()) return;
        log.problem("hook " + h.argv().head() + " (" + what.kind().word() + " " + what.link() + ") " + describe(o));
    }

    private static String describe(HookOutcome o) {
        if (o instanceof HookOutcome.Exited x) return "exited " + x.code() + tail(x.stderr());
        if (o instanceof HookOutcome.TimedOut t) return "was killed after " + t.after().toMillis() + " ms" + tail(t.stderr());
        if (o instanceof HookOutcome.Dropped d) return d.killed() ? "was killed after " + d.after().toMillis() + " ms, "
                + d.why() + tail(d.stderr()) : "was not run: " + d.why();
        return "could not start: " + ((HookOutcome.NotStarted) o).reason();
    }

    private static String tail(String stderr) {
        String s = stderr.strip();
        return s.isEmpty() ? "" : ": " + s.lines().reduce((a, b) -> b).orElse("");
    }

    /** Waits (at most `within`) until the outcome of every hook run so far is logged: a stop says them first. */
    void settle(Duration within) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // an outcome not in by then is not waited for: the stop stays bounded
        }
    }

    void applied(ApplyResult r, long ms) {
        metrics.applied(r, ms);
    }

    /**
     * Deletes the conntrack entries of links out of the kernel's balancing for longer than the grace period; none
     * while every link is down: the probe targets may be what failed, and the connections are all there is.
     */
    void tick(Fleet fleet, SortedSet<String> effective, Instant now) {
        if (fleet.live().isEmpty()) return;
        Monitored m = monitored.get();
        Duration grace = m.spec().monitor().conntrackGrace();
        for (String name : m.names()) {
            if (effective.contains(name)) {
                outSince = outSince.remove(name);
                flushed = flushed.remove(name);
                continue;
            }
            boolean justOut = !outSince.containsKey(name);
            outSince = outSince.put(name, outSince.get(name).getOrElse(now));
            boolean due = !Duration.between(outSince.get(name).get(), now).minus(grace).isNegative();
            Option<Conntrack.Marked> mark = marked(m, name);
            if (m.spec().monitor().deletesConntrack() && justOut && !due) mark.forEach(x -> deleteAttempts(name, x));
            if (m.spec().monitor().deletesConntrack() && due && !flushed.contains(name)) {
                flushed = flushed.add(name);
                if (mark.isDefined()) {
                    report(name, conntrack.deleteMarked(mark.get(), false), "after " + grace.toSeconds()
                            + " s out of the balancing (those marked " + mark.get().text() + ")");
                } else {
                    m.sources().get(name).flatMap(a -> a).forEach(a -> delete(name, a, grace));
                }
            }
        }
    }

    /** Connmark mode: the link's mark under mlb's mask; route mode has none. */
    private static Option<Conntrack.Marked> marked(Monitored m, String link) {
        long mask = m.spec().balancer().connmark().markMask();
        return mlb.compile.Compiler.marks(m.spec()).flatMap(marks -> marks.get(link)).map(v -> new Conntrack.Marked(v, mask));
    }

    /**
     * The link's connection attempts that no reply reached go at once: their SYN retransmits would follow the
     * mark into the dead link; deleted, the next retransmit is a new connection and takes a live link.
     */
    private void deleteAttempts(String link, Conntrack.Marked mark) {
        Deletion d = conntrack.deleteMarked(mark, true);
        if (d instanceof Deletion.Deleted x && x.count() == 0) return;
        report(link, d, "as it left the balancing (its unanswered attempts, marked " + mark.text() + ")");
    }

    private void delete(String link, InetAddress address, Duration grace) {
        report(link, conntrack.deleteNatedTo(address), "after " + grace.toSeconds() + " s out of the balancing"
                + " (those masqueraded to " + address.getHostAddress() + ")");
    }

    private void report(String link, Deletion d, String when) {
        if (d instanceof Deletion.Deleted x) {
            log.line(link + ": deleted " + x.count() + " of its connections from conntrack " + when);
        } else if (d instanceof Deletion.Missing x) {
            log.problem(link + ": cannot delete its connections: the " + x.program() + " command is missing: install " + x.debianPackage());
        } else {
            log.problem(link + ": cannot delete its connections: " + ((Deletion.Failed) d).reason());
        }
    }

    Option<Instant> outSince(String link) {
        return outSince.get(link);
    }
}
