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
 * flows of real users). The handshake is bounded by the timeout: on a dead path the SYN is lost. The answer,
 * once connected, gets ANSWER: the path works, and an answer dropped by a busy shaper comes again after TCP's
 * retransmission backoff, which can pass a second on a loaded machine without the route being at fault.
 * Ends after duration plus the timeouts, whatever happens.
 */
public final class ProbeClient {
    static final Duration ANSWER = Duration.ofSeconds(3);

    private ProbeClient() {
    }

    public static ProbeReport run(List<InetAddress> servers, int port, Duration interval, Duration duration,
                                  Duration timeout) {
        int count = (int) Math.max(1, duration.toMillis() / interval.toMillis());
        // Enough threads that slow probes (a handshake and an answer each) never delay the next one.
        long slowest = timeout.plus(ANSWER).toMillis();
        int threads = (int) Math.min(64, 2 + slowest / interval.toMillis());
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
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(duration.toMillis() + 2 * slowest + 1000);
        for (int i = 0; i < count; i++) probes.add(collect(futures.get(i), i * (double) interval.toMillis(), deadline));
        pool.shutdownNow();
        return new ProbeReport(epoch, interval.toMillis(), probes);
    }

    private static Probe probe(InetAddress server, int port, Duration timeout, long t0) {
        double at = (System.nanoTime() - t0) / 1e6;
        try (Exchange x = Exchange.open(server, port, "whoami", timeout, ANSWER)) {
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
