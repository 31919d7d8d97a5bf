package mlb.lab.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs parallel downloads that all start together and reports each one's timing and outcome. */
public final class DownloadClient {
    /**
     * Handshake and first line: long enough for three lost SYNs or SYN-ACKs (retries after 1, 3 and 7 s), which
     * a saturated drop-tail line does lose now and then. A slow start is not a broken download.
     */
    private static final Duration CONNECT = Duration.ofSeconds(10);
    /** A download that receives nothing for this long counts as broken (a reset, or a flow stuck on a dead path). */
    public static final Duration STALL = Duration.ofSeconds(15);

    private DownloadClient() {
    }

    public static DownloadReport run(List<InetAddress> servers, int port, int parallel, long bytes, Duration deadline) {
        return run(servers, port, parallel, bytes, deadline, STALL, 0);
    }

    /**
     * stall: how long a download may receive nothing before it counts as broken; pace: bytes a second each
     * download is sent at (0: as fast as the line allows).
     */
    public static DownloadReport run(List<InetAddress> servers, int port, int parallel, long bytes, Duration deadline,
                                     Duration stall, long pace) {
        long epoch = System.currentTimeMillis();
        long t0 = System.nanoTime();
        CountDownLatch gate = new CountDownLatch(1);
        Set<java.net.Socket> open = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        Progress progress = new Progress(parallel, t0);
        List<Future<Download>> futures = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            int id = i;
            InetAddress server = servers.get(i % servers.size());
            futures.add(pool.submit(() -> {
                gate.await();
                return one(id, server, port, bytes, pace, t0, open, (int) stall.toMillis(), progress);
            }));
        }
        gate.countDown();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                open.forEach(DownloadClient::closeQuietly); // past the deadline: stop what still runs
                pool.awaitTermination(stall.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
            progress.stop();
        }
        List<Download> done = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) done.add(result(i, futures.get(i), servers, bytes).withProgress(progress.of(i)));
        return new DownloadReport(epoch, (System.nanoTime() - t0) / 1e6, done, progress.times());
    }

    private static Download one(int id, InetAddress server, int port, long bytes, long pace, long t0,
                                Set<java.net.Socket> open, int stallMs, Progress progress) {
        double start = ms(t0);
        String source = "";
        long received = 0;
        double first = start;
        try (Exchange x = Exchange.open(server, port, "get " + bytes + (pace > 0 ? " " + pace : ""), CONNECT)) {
            open.add(x.socket);
            source = x.source;
            x.socket.setSoTimeout(stallMs);
            x.socket.setReceiveBufferSize(256 * 1024);
            first = ms(t0);
            InputStream in = x.socket.getInputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                received += n;
                progress.set(id, received);
            }
            open.remove(x.socket);
            String error = received == bytes ? "" : "short: " + received + " of " + bytes + " bytes";
            return new Download(id, server.getHostAddress(), source, bytes, received, start, first, ms(t0), error);
        } catch (IOException e) {
            return new Download(id, server.getHostAddress(), source, bytes, received, start, first, ms(t0),
                    Exchange.describe(e));
        }
    }

    private static Download result(int id, Future<Download> f, List<InetAddress> servers, long bytes) {
        try {
            if (f.isDone()) return f.get();
        } catch (Exception e) {
            // fall through: reported as unfinished below
        }
        String server = servers.get(id % servers.size()).getHostAddress();
        return new Download(id, server, "", bytes, 0, 0, 0, 0, "did not finish before the deadline");
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void closeQuietly(java.net.Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
