package mlb.monitor.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Icmp rounds of both links of {@link TwoPaths} on a fixed-rate schedule, as `mlb monitor` runs them, inside the
 * router namespace (started by {@link IcmpDetectionIT} under `ip netns exec`). For every round it prints
 * `ROUND <link> <start µs> <end µs> answered|failed <reason>` (epoch microseconds), and the moments the machine
 * starved it (`STALL`, see watchStalls). Args: interval and timeout
 * in ms. It ends when its stdin closes.
 */
public final class RoundDriver {
    public static void main(String[] args) throws Exception {
        Duration interval = Duration.ofMillis(Long.parseLong(args[0]));
        Duration timeout = Duration.ofMillis(Long.parseLong(args[1]));
        List<ProbeTarget> targets = List.of(new ProbeTarget.Icmp(InetAddress.getByName("198.19.0.1")));
        List<ProbeLink> links = List.of(
                new ProbeLink("isp1", "wan1", InetAddress.getByName("198.18.1.2")),
                new ProbeLink("isp2", "wan2", InetAddress.getByName("198.18.2.2")));
        watchStalls(timeout.toNanos() / 3);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try (NetworkProbe probe = new NetworkProbe(); Prober prober = new Prober(probe, 2, Clock.systemUTC())) {
            for (ProbeLink l : links) {
                ticker.scheduleAtFixedRate(() -> prober.start(l, targets, timeout)
                        .ifPresent(f -> f.thenAccept(RoundDriver::print)), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
            }
            InputStream in = System.in;
            while (in.read() >= 0) {
                // Runs until the test closes our stdin.
            }
            ticker.shutdownNow();
        } catch (IOException e) {
            ticker.shutdownNow();
        }
    }

    /**
     * Prints `STALL <from µs> <to µs>` whenever a 5 ms sleep of this process took longer than over: the machine
     * kept a runnable thread off the CPU that long, and the pings it runs likewise.
     */
    private static void watchStalls(long overNanos) {
        Thread t = new Thread(() -> {
            while (true) {
                Instant from = Instant.now();
                long t0 = System.nanoTime();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
                if (System.nanoTime() - t0 - 5_000_000 > overNanos) {
                    synchronized (RoundDriver.class) {
                        System.out.println("STALL " + micros(from) + " " + micros(Instant.now()));
                        System.out.flush();
                    }
                }
            }
        }, "stall-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void print(Round r) {
        Outcome o = r.results().get(0).outcome();
        String what = o instanceof Outcome.Failed f ? "failed " + f.reason() : "answered";
        synchronized (RoundDriver.class) {
            System.out.println("ROUND " + r.link().name() + " " + micros(r.started()) + " " + micros(Instant.now()) + " " + what);
            System.out.flush();
        }
    }

    static long micros(Instant i) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, i);
    }
}
