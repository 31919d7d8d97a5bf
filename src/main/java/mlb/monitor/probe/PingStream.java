package mlb.monitor.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One long-running `ping -O` to one target through one device, and the latest fate of its echo requests.
 * A round takes the freshest fate (one resolved within 1.5 intervals) or waits for the next one until its
 * timeout. A ping that exits is started again after a backoff (0.5 s doubling to 30 s, reset once a ping works),
 * and one that has had no reply for `silence` is restarted: ping binds its device by index when it starts, so a
 * device deleted and made again under the same name (a PPP redial) would otherwise never be seen again.
 */
final class PingStream {
    private static final long BACKOFF_BASE = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long BACKOFF_MAX = TimeUnit.SECONDS.toNanos(30);
    private static final int REMEMBERED = 64;

    private final List<String> argv;
    private final String name;
    private final PingProcess.Spawner spawner;
    private final long window;
    private final long silence;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // All below guarded by lock.
    private PingProcess process;
    private long generation;
    private long lastHeard;
    private Resolution latest;
    private final ArrayDeque<Long> resolved = new ArrayDeque<>();
    private String lastComplaint = "";
    private String deadReason;
    private int failedStarts;
    private long restartAt;
    private long lastAsked;
    private boolean stopped;

    /** The fate of one echo request, as the line that settled it, and when that line came. */
    private record Resolution(PingLine line, long at) {
    }

    PingStream(List<String> argv, String name, PingProcess.Spawner spawner, Duration interval, Duration silence) {
        this.argv = List.copyOf(argv);
        this.name = name;
        this.spawner = spawner;
        this.window = interval.toNanos() * 3 / 2;
        this.silence = silence.toNanos();
        this.restartAt = System.nanoTime();
    }

    /** The fate of a fresh echo request, within timeout. Interrupting the caller ends the wait as a timeout. */
    Outcome ask(Duration timeout) {
        lock.lock();
        try {
            long now = System.nanoTime();
            lastAsked = now;
            ensureRunning(now);
            if (latest != null && now - latest.at <= window) return outcome(latest, timeout);
            Resolution seen = latest;
            long left = timeout.toNanos();
            while (true) {
                if (latest != seen) return outcome(latest, timeout);
                if (process == null) return deadReason == null ? Outcome.timeout() : new Outcome.Failed(deadReason);
                if (left <= 0) return Outcome.timeout();
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.timeout();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the stream as wanted now, so that it is not stopped as idle before it is asked. */
    void touch() {
        lock.lock();
        try {
            lastAsked = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    boolean idleSince(long nanos) {
        lock.lock();
        try {
            return lastAsked - nanos < 0;
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        lock.lock();
        try {
            kill();
            stopped = true;
            deadReason = "the prober was closed";
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static Outcome outcome(Resolution r, Duration timeout) {
        PingLine line = r.line;
        if (line instanceof PingLine.Reply reply) {
            return reply.rtt().compareTo(timeout) <= 0 ? new Outcome.Answered(reply.rtt()) : Outcome.timeout();
        }
        if (line instanceof PingLine.Error error) return new Outcome.Failed(error.reason());
        return Outcome.timeout();
    }

    private void ensureRunning(long now) {
        if (stopped || process != null && now - lastHeard < silence) return;
        if (process != null) kill();
        else if (now - restartAt < 0) return;
        try {
            process = spawner.start(argv);
        } catch (IOException | RuntimeException e) {
            died("cannot run ping: " + Failures.text(e), now);
            return;
        }
        long gen = ++generation;
        resolved.clear();
        lastHeard = now;
        lastComplaint = "";
        deadReason = null;
        PingProcess p = process;
        Thread reader = new Thread(() -> read(p, gen), "mlb-ping " + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Stops the current process on purpose: its reader's last words belong to an old generation and are ignored. */
    private void kill() {
        if (process == null) return;
        generation++;
        process.destroy();
        process = null;
    }

    private void read(PingProcess p, long gen) {
        try {
            String line;
            while ((line = p.readLine()) != null) heard(gen, PingLine.parse(line));
        } catch (IOException e) {
            // The output broke off: the process is ending, and waitFor says how.
        }
        try {
            int code = p.waitFor();
            exited(gen, code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void heard(long gen, PingLine line) {
        lock.lock();
        try {
            if (gen != generation) return;
            long now = System.nanoTime();
            if (line instanceof PingLine.Note note) {
                if (note.text().startsWith("ping:")) lastComplaint = note.text();
                return;
            }
            failedStarts = 0;
            if (!settle(seq(line))) return;
            if (line instanceof PingLine.Reply) lastHeard = now;
            latest = new Resolution(line, now);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks seq settled; false when it already was (a duplicate, or a reply after its no-answer line). */
    private boolean settle(long seq) {
        if (resolved.contains(seq)) return false;
        resolved.addLast(seq);
        if (resolved.size() > REMEMBERED) resolved.removeFirst();
        return true;
    }

    private static long seq(PingLine line) {
        if (line instanceof PingLine.Reply r) return r.seq();
        if (line instanceof PingLine.NoAnswer n) return n.seq();
        if (line instanceof PingLine.Error e) return e.seq();
        throw new IllegalArgumentException("no sequence number in " + line);
    }

    private void exited(long gen, int code) {
        lock.lock();
        try {
            if (gen != generation) return;
            process = null;
            died("ping exited " + code + (lastComplaint.isEmpty() ? "" : ": " + lastComplaint), System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    private void died(String reason, long now) {
        process = null;
        deadReason = reason;
        failedStarts++;
        restartAt = now + Math.min(BACKOFF_MAX, BACKOFF_BASE << Math.min(failedStarts - 1, 16));
        changed.signalAll();
    }
}
