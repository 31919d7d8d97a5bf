package mlb.monitor.hook;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs hooks as child processes, one at a time in the order of their events (so a hook never sees a link's up
 * before its down), on a thread of its own. The child gets only PATH and the MLB_* variables, stdin from
 * /dev/null, and the working directory /. At its timeout it is killed by its pid, nothing else: a hook that
 * starts children of its own must let them go. Its output is drained to the end, so it never blocks on a
 * full pipe, and the first {@link #CAPTURE} bytes of each stream are kept.
 */
public final class ProcessHooks implements Hooks, AutoCloseable {
    public static final int CAPTURE = 4096;
    /** How long to wait for the output of a hook that has exited, should something it started hold the pipe. */
    private static final long DRAIN_MILLIS = 200;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mlb-hook");
        t.setDaemon(true);
        return t;
    });
    private final String path = System.getenv("PATH");

    @Override
    public CompletableFuture<HookOutcome> run(Hook hook, HookEvent event) {
        try {
            return CompletableFuture.supplyAsync(() -> runNow(hook, event), runner);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new HookOutcome.NotStarted("the monitor is shutting down"));
        }
    }

    private HookOutcome runNow(Hook hook, HookEvent event) {
        ProcessBuilder pb = new ProcessBuilder(hook.argv()).directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.clear();
        if (path != null) env.put("PATH", path);
        env.putAll(event.environment());
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new HookOutcome.NotStarted(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        Capture out = capture(p.getInputStream());
        Capture err = capture(p.getErrorStream());
        try {
            boolean exited = p.waitFor(hook.timeout().toNanos(), TimeUnit.NANOSECONDS);
            if (!exited) {
                p.destroyForcibly();
                p.waitFor(1, TimeUnit.SECONDS);
                return new HookOutcome.TimedOut(hook.timeout(), out.text(), err.text());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new HookOutcome.Exited(p.exitValue(), took, out.text(), err.text());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new HookOutcome.TimedOut(Duration.ofNanos(System.nanoTime() - start), out.text(), err.text());
        }
    }

    /** Reads a stream to its end on a thread of its own, keeping the first CAPTURE bytes. */
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
        private boolean cut;

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

        private synchronized void keep(byte[] buf, int n) {
            int room = CAPTURE - kept.size();
            if (n > room) cut = true;
            kept.write(buf, 0, Math.max(0, Math.min(n, room)));
        }

        /** What was printed, once the stream ended or DRAIN_MILLIS passed (something the hook started may hold it). */
        String text() {
            try {
                ended.get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Take what is there.
            }
            synchronized (this) {
                String s = kept.toString(StandardCharsets.UTF_8);
                return cut ? s + " [cut at " + CAPTURE + " bytes]" : s;
            }
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
