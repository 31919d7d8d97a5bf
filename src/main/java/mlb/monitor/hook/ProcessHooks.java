package mlb.monitor.hook;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs hooks as child processes, never blocking the caller. Each hook program has a lane per link (and one for
 * all_down): within a lane hooks run one at a time in the order of their events, so a hook never sees a link's
 * up before its down; lanes do not wait for each other, so a hook that hangs delays nobody else's. A newer event
 * makes what its lane still has to do stale: an event waiting behind a running hook is dropped, and the running
 * hook itself is killed, so the newest event's hook starts at once (the link has moved on; its hook says so).
 * close() is bounded: waiting events are dropped, running hooks get {@link #STOP_GRACE} to finish, then are
 * killed. The child gets only PATH and the MLB_* variables, stdin from /dev/null, and the working directory /;
 * it is killed by its pid, nothing else: a hook that starts children of its own must let them go. Its output is
 * drained to the end, so it never blocks on a full pipe, and the last {@link #CAPTURE} bytes of each stream are
 * kept (the last line is what the log shows).
 */
public final class ProcessHooks implements Hooks, AutoCloseable {
    public static final int CAPTURE = 4096;
    /** How long a stopping monitor lets running hooks finish before it kills them. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /**
     * How long to wait for the output of a hook that has exited, should something it started hold the pipe. Output
     * already in the pipe needs only its reader thread to run, which a loaded machine can delay by hundreds of ms
     * (200 ms lost a killed hook's last line under two busy loops); a pipe held open costs this once per run.
     */
    private static final long DRAIN_MILLIS = 1000;

    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mlb-hook");
        t.setDaemon(true);
        return t;
    });
    private final String path = System.getenv("PATH");
    /** Guarded by this. */
    private final Map<String, Lane> lanes = new HashMap<>();
    private boolean closed;

    /** One hook program for one link: the tail of its runs, its newest event, and the process running now. */
    private static final class Lane {
        CompletableFuture<HookOutcome> tail = CompletableFuture.completedFuture(null);
        long newest;
        String newestEvent = "";
        Process running;
        String killedFor;
    }

    @Override
    public CompletableFuture<HookOutcome> run(Hook hook, HookEvent event) {
        synchronized (this) {
            if (closed) return CompletableFuture.completedFuture(new HookOutcome.NotStarted("the monitor is shutting down"));
            String key = hook.argv() + (event.kind() == HookEvent.Kind.ALL_DOWN ? " all_down" : " link " + event.link());
            Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
            long seq = ++lane.newest;
            lane.newestEvent = event.kind().word() + " " + event.link();
            if (lane.running != null && lane.killedFor == null) {
                lane.killedFor = "superseded by " + lane.newestEvent;
                lane.running.destroyForcibly();
            }
            CompletableFuture<HookOutcome> f = lane.tail.handle((o, e) -> o).thenApplyAsync(o -> inLane(lane, seq, hook, event), runner);
            lane.tail = f;
            return f;
        }
    }

    private HookOutcome inLane(Lane lane, long seq, Hook hook, HookEvent event) {
        Process p;
        long start = System.nanoTime();
        synchronized (this) {
            if (closed) return new HookOutcome.NotStarted("the monitor stopped before it ran");
            if (seq != lane.newest) return new HookOutcome.Dropped("superseded by " + lane.newestEvent + " before it started",
                    Duration.ZERO, "");
            try {
                p = start(hook, event);
            } catch (IOException e) {
                return new HookOutcome.NotStarted(e.getMessage() == null ? e.toString() : e.getMessage());
            }
            lane.running = p;
            lane.killedFor = null;
        }
        try {
            return waitFor(p, hook, start, lane);
        } finally {
            synchronized (this) {
                lane.running = null;
            }
        }
    }

    private Process start(Hook hook, HookEvent event) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(hook.argv()).directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.clear();
        if (path != null) env.put("PATH", path);
        env.putAll(event.environment());
        return pb.start();
    }

    private HookOutcome waitFor(Process p, Hook hook, long start, Lane lane) {
        Capture out = capture(p.getInputStream());
        Capture err = capture(p.getErrorStream());
        try {
            boolean exited = p.waitFor(hook.timeout().toNanos(), TimeUnit.NANOSECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String killedFor;
            synchronized (this) {
                killedFor = lane.killedFor;
            }
            if (killedFor != null) {
                p.waitFor(1, TimeUnit.SECONDS);
                return new HookOutcome.Dropped(killedFor, took, err.text(drained()));
            }
            if (!exited) {
                p.destroyForcibly();
                p.waitFor(1, TimeUnit.SECONDS);
                long until = drained();
                return new HookOutcome.TimedOut(hook.timeout(), out.text(until), err.text(until));
            }
            long until = drained();
            return new HookOutcome.Exited(p.exitValue(), took, out.text(until), err.text(until));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            long until = drained();
            return new HookOutcome.TimedOut(Duration.ofNanos(System.nanoTime() - start), out.text(until), err.text(until));
        }
    }

    /** Until when the output of a process that has ended is waited for (stdout and stderr share the wait). */
    private static long drained() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
    }

    /** Reads a stream to its end on a thread of its own, keeping the last CAPTURE bytes. */
    private static Capture capture(InputStream in) {
        Capture c = new Capture();
        Thread t = new Thread(() -> c.drain(in), "mlb-hook-output");
        t.setDaemon(true);
        t.start();
        return c;
    }

    private static final class Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private long dropped;

        void drain(InputStream in) {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) keep(buf, n);
            } catch (IOException e) {
                // The pipe broke as the process died; what was read so far is the output.
            }
            ended.complete(null);
        }

        /** Appends, and keeps the buffer at most twice CAPTURE by dropping its oldest bytes. */
        private synchronized void keep(byte[] buf, int n) {
            kept.write(buf, 0, n);
            if (kept.size() > 2 * CAPTURE) {
                byte[] all = kept.toByteArray();
                int cut = all.length - CAPTURE;
                dropped += cut;
                kept.reset();
                kept.write(all, cut, CAPTURE);
            }
        }

        /** What was printed, once the stream ended or at `until` (System.nanoTime: something the hook started may hold it). */
        String text(long until) {
            try {
                ended.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Take what is there.
            }
            synchronized (this) {
                byte[] all = kept.toByteArray();
                int from = Math.max(0, all.length - CAPTURE);
                String s = new String(all, from, all.length - from, StandardCharsets.UTF_8);
                long cut = dropped + from;
                return cut > 0 ? "[the first " + cut + " bytes dropped] " + s : s;
            }
        }
    }

    /**
     * Stops, in bounded time: events not started yet are dropped (their outcome says so), running hooks get
     * STOP_GRACE to finish and are then killed; returns once every outcome is in (about STOP_GRACE + 1 s at most).
     */
    @Override
    public void close() {
        List<CompletableFuture<HookOutcome>> tails = new ArrayList<>();
        synchronized (this) {
            if (closed) return;
            closed = true;
            lanes.values().forEach(l -> tails.add(l.tail));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(tails.toArray(CompletableFuture[]::new));
        if (!ended(all, STOP_GRACE)) {
            synchronized (this) {
                for (Lane l : lanes.values()) {
                    if (l.running == null) continue;
                    l.killedFor = "the monitor stopped";
                    l.running.destroyForcibly();
                }
            }
            ended(all, Duration.ofSeconds(2));
        }
        runner.shutdownNow();
    }

    private static boolean ended(CompletableFuture<Void> all, Duration within) {
        try {
            all.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
