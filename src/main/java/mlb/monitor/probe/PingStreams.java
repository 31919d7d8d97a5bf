package mlb.monitor.probe;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The icmp probe: one persistent `ping -n -O -i PACE -W INTERVAL -I DEVICE TARGET` per link and target, read
 * line by line and held between rounds ({@link PingStream}), rather than one `ping -c 1` per probe.
 * <p>
 * Measured in a namespace with veth pairs and kernel echo replies, 3 links x 2 targets at 2 rounds/s for 60 s
 * (after 5 s of warm-up), CPU of the JVM (-XX:+UseParallelGC, as the launcher runs it) and its children from
 * /proc/PID/stat, six runs each on a shared 2-core machine: pings held between rounds 0.40-0.47 s (0.67-0.78 %
 * of a core; the signalling shell 0.03 s of it), the same pings left to their own pace 0.36-0.41 s (0.60-0.68
 * %), pings every 125 ms 0.73 s (1.2 %). Earlier, a spawn per probe cost 2.8 %. Only persistent pings, one
 * request a round, fit the monitor's budget of 1 % of a core.
 * <p>
 * `-I DEVICE` binds the socket to the device, so the `oif` rule sends it through the link and nowhere else.
 * `-O` prints "no answer yet" for a request still unanswered when the next one goes out, which dates that
 * send. A monitor that dies without stopping its pings (SIGKILL) leaves them writing to a closed pipe, which
 * ends them at their next line; held ones are continued for that by {@link PingSignals}. -W only bounds
 * ping's last wait when it exits. The JDK's InetAddress.isReachable was not an option: it matches echo replies
 * by pid and source only, so concurrent probes of one target through two links can take each other's replies.
 */
final class PingStreams implements AutoCloseable {
    private final PingProcess.Spawner spawner;
    private final Duration silence;
    private final Map<Key, PingStream> streams = new HashMap<>();
    private boolean closed;

    private record Key(String device, InetAddress target, Duration interval) {
    }

    PingStreams(PingProcess.Spawner spawner, Duration silence) {
        this.spawner = spawner;
        this.silence = silence;
    }

    Outcome attempt(ProbeLink link, ProbeTarget.Icmp target, Duration timeout, Duration interval) {
        PingStream stream;
        synchronized (this) {
            if (closed) return new Outcome.Failed("the prober was closed");
            stopIdle();
            stream = streams.computeIfAbsent(new Key(link.device(), target.address(), interval),
                    k -> new PingStream(pace -> argv(k, pace), k.device + " " + k.target.getHostAddress(), spawner, interval, silence));
            stream.touch();
        }
        return stream.ask(timeout);
    }

    static List<String> argv(Key k, Duration pace) {
        return List.of("ping", "-n", "-O", "-i", seconds(pace), "-W", seconds(k.interval), "-I", k.device, k.target.getHostAddress());
    }

    /** Seconds as ping reads them: a dot as decimal separator, whatever the locale ("0.5"). */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString();
    }

    /** Streams nobody asked for ten intervals, and at least 10 s (a link or target no longer probed), stop. */
    private void stopIdle() {
        long now = System.nanoTime();
        for (Map.Entry<Key, PingStream> e : new ArrayList<>(streams.entrySet())) {
            long idle = Math.max(TimeUnit.SECONDS.toNanos(10), e.getKey().interval.toNanos() * 10);
            if (e.getValue().idleSince(now - idle)) {
                streams.remove(e.getKey());
                e.getValue().stop();
            }
        }
    }

    /** How many pings run or wait to restart (for tests and the status view). */
    synchronized int streams() {
        return streams.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (PingStream s : new ArrayList<>(streams.values())) s.stop();
        streams.clear();
        spawner.close();
    }
}
