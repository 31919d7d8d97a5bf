package mlb.lab.traffic;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A new connection every interval (a new source port each time, so every probe is hashed afresh, like new
 * flows of real users), each bounded by a timeout. Ends after duration plus one timeout, whatever happens.
 */
public final class ProbeClient {
    private ProbeClient() {
    }

    public static ProbeReport run(List<InetAddress> servers, int port, Duration interval, Duration duration,
                                  Duration timeout) {
        int count = (int) Math.max(1, duration.toMillis() / interval.toMillis());
        // Enough threads that slow probes (up to two timeouts each) never delay the next one.
        int threads = (int) Math.min(64, 2 + 2 * timeout.toMillis() / interval.toMillis());
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(threads);
        long epoch = System.currentTimeMillis();
        long t0 = System.nanoTime();
        List<ScheduledFuture<Probe>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            InetAddress server = servers.get(i % servers.size());
            long at = i * interval.toMillis();
            futures.add(pool.schedule(() -> probe(server, port, timeout, t0), at, TimeUnit.MILLISECONDS));
        }
        List<Probe> probes = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(duration.toMillis() + 3 * timeout.toMillis() + 1000);
        for (int i = 0; i < count; i++) probes.add(collect(futures.get(i), i * (double) interval.toMillis(), deadline));
        pool.shutdownNow();
        return new ProbeReport(epoch, interval.toMillis(), probes);
    }

    private static Probe probe(InetAddress server, int port, Duration timeout, long t0) {
        double at = (System.nanoTime() - t0) / 1e6;
        try (Exchange x = Exchange.open(server, port, "whoami", timeout)) {
            return new Probe(at, true, x.source, (System.nanoTime() - t0) / 1e6 - at, "");
        } catch (IOException e) {
            return new Probe(at, false, "", (System.nanoTime() - t0) / 1e6 - at, Exchange.describe(e));
        }
    }

    private static Probe collect(ScheduledFuture<Probe> f, double plannedMs, long deadline) {
        try {
            long wait = Math.max(0, deadline - System.nanoTime());
            return f.get(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // fall through: an unanswered probe is a failed probe
        }
        f.cancel(true);
        return new Probe(plannedMs, false, "", 0, "no result before the deadline");
    }
}
