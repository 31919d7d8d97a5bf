package mlb.lab.traffic;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Opens many short connections (spread over the servers in turn) and counts the source each one was seen from. */
public final class WhoamiClient {
    private WhoamiClient() {
    }

    public static WhoamiReport run(List<InetAddress> servers, int port, int count, int concurrency, Duration timeout) {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, count)));
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            InetAddress server = servers.get(i % servers.size());
            tasks.add(() -> ask(server, port, timeout));
        }
        Map<String, Integer> sources = new TreeMap<>();
        Map<String, Integer> errors = new TreeMap<>();
        try {
            // Each task ends within two timeouts; the whole batch gets that per round plus slack.
            long rounds = (count + concurrency - 1L) / Math.max(1, concurrency);
            long budget = rounds * 2 * timeout.toMillis() + 5_000;
            for (Future<String> f : pool.invokeAll(tasks, budget, TimeUnit.MILLISECONDS)) {
                tally(f, sources, errors);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        int answered = sources.values().stream().mapToInt(Integer::intValue).sum();
        return new WhoamiReport(count, answered, sources, errors, (System.nanoTime() - t0) / 1e6);
    }

    private static String ask(InetAddress server, int port, Duration timeout) throws IOException {
        try (Exchange x = Exchange.open(server, port, "whoami", timeout)) {
            return x.source;
        }
    }

    private static void tally(Future<String> f, Map<String, Integer> sources, Map<String, Integer> errors) {
        try {
            sources.merge(f.get(), 1, Integer::sum);
        } catch (ExecutionException e) {
            errors.merge(Exchange.describe(e.getCause()), 1, Integer::sum);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.merge("interrupted", 1, Integer::sum);
        } catch (java.util.concurrent.CancellationException e) {
            errors.merge("deadline", 1, Integer::sum);
        }
    }
}
