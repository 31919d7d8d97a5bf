package mlb.lab.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The bytes each download of a batch has received so far, read together at a fixed interval: from these, the
 * throughput of every link over time (a download stuck on a dead link shows as a flat line, one moved by a
 * failover as a rise elsewhere). One daemon thread reads counters the downloads update; the reads cost nothing
 * on the downloads' own path.
 */
final class Progress {
    static final long EVERY_MS = 100;

    private final AtomicLongArray received;
    private final long t0;
    private final List<Double> times = new ArrayList<>();
    private final List<long[]> counts = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "download-progress");
        t.setDaemon(true);
        return t;
    });

    /** Starts sampling parallel counters, with times in ms since t0 (System.nanoTime()). */
    Progress(int parallel, long t0) {
        this.received = new AtomicLongArray(parallel);
        this.t0 = t0;
        sample();
        ticker.scheduleAtFixedRate(this::sample, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    void set(int id, long bytes) {
        received.set(id, bytes);
    }

    private synchronized void sample() {
        long[] now = new long[received.length()];
        for (int i = 0; i < now.length; i++) now[i] = received.get(i);
        times.add((System.nanoTime() - t0) / 1e6);
        counts.add(now);
    }

    /** Stops sampling, with a last sample of the final counts. */
    void stop() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    synchronized List<Double> times() {
        return List.copyOf(times);
    }

    /** One download's received bytes at each of times(). */
    synchronized List<Long> of(int id) {
        return counts.stream().map(c -> c[id]).toList();
    }
}
