package mlb.monitor.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One long-running `ping -O` to one target through one device, held between rounds so that each round sends
 * exactly one echo request, at its start, and is judged by that request alone ({@link EchoRound}).
 * <p>
 * Why held: a round must be the fate of a request sent at or after it started, or a cut line answers for a round
 * or two more, and its verdict is due timeout after the start. ping cannot be told when to send, and it does not
 * keep its own pace: when no reply comes within a millisecond of a request (a lost request, a target on the
 * LAN), it waits in a socket timeout that the kernel's timer wheel rounds up, to 512 ms instead of 500 on a
 * HZ=250 kernel, so its requests drift through the rounds by 12 ms a round (with -l 2 they still came up to
 * 36 ms late). Pinging faster than the rounds costs CPU in proportion (every 125 ms: 1.2 % of a core for 3
 * links x 2 targets, over the monitor's budget) and still leaves the round's request up to a ping interval
 * after its start, too late to wait a whole timeout for its reply before the next round.
 * <p>
 * So the ping runs with an interval (its pace) between the timeout and the round interval, is stopped
 * (SIGSTOP) once the round is settled, and continued (SIGCONT) when the next round starts: by then its pace has
 * passed, so it sends at once (measured through {@link PingSignals}: 0.3 ms after the signal, 0.7 ms for 9 in
 * 10, 6 ms at worst), and it is held again before its pace comes round. A round that finds the ping's newest
 * request younger than the pace (a round early, a stray request, a ping that could not be held) starts the
 * ping again instead, since a new ping sends its first request at once. A round at most {@link #EARLY} before
 * the pace waits for it instead: the rounds' timers jitter by that much on a busy machine (a round a little
 * late, the next one on time), and a new ping costs a process start, more than the rounds of several seconds.
 * The pace is chosen for the longest timeout a round asked with: the probe is given what is left of its round,
 * a little less when it starts late, and a shorter timeout still fits under the pace.
 * <p>
 * A ping that exits is started again after a backoff (0.5 s doubling to 30 s, reset once a ping works), and one
 * that has had no reply for `silence` is restarted: ping binds its device by index when it starts, so a device
 * deleted and made again under the same name (a PPP redial) would otherwise never be seen again.
 */
final class PingStream {
    private static final long BACKOFF_BASE = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long BACKOFF_MAX = TimeUnit.SECONDS.toNanos(30);
    /** A timeout this much longer than the one the pace was chosen for (a reloaded spec) gets a new pace. */
    private static final long REPACE = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * The most a round waits for the pace to pass: the prober cuts a round {@link Prober#MARGIN} after its
     * timeout, and the round's own deadline moves with its late start, by up to this plus {@link EchoRound#GRACE}.
     */
    static final Duration EARLY = Prober.MARGIN.minus(EchoRound.GRACE).minusMillis(10);
    /** ping counts in whole milliseconds: a request this much younger than the pace may still be sent at once. */
    private static final long PACE_SLACK = TimeUnit.MILLISECONDS.toNanos(1);

    private final Function<Duration, List<String>> argv;
    private final String name;
    private final PingProcess.Spawner spawner;
    private final Duration interval;
    private final long silence;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // All below guarded by lock.
    private PingProcess process;
    private long generation;
    private Duration pace;
    private long pacedFor;
    private long lastHeard;
    private long lastSent;
    private long highestSent;
    private boolean held;
    private final List<EchoRound> rounds = new ArrayList<>();
    private String lastComplaint = "";
    private String deadReason;
    private int failedStarts;
    private long restartAt;
    private long lastAsked;
    private boolean stopped;

    /** argv: the ping's command line for a pace (its -i). */
    PingStream(Function<Duration, List<String>> argv, String name, PingProcess.Spawner spawner, Duration interval, Duration silence) {
        this.argv = argv;
        this.name = name;
        this.spawner = spawner;
        this.interval = interval;
        this.silence = silence.toNanos();
        this.restartAt = System.nanoTime();
    }

    /**
     * The ping's interval for rounds of this timeout: halfway between the timeout and the round interval, so that
     * neither a round's wait (timeout + grace) nor a round a little early runs into it.
     */
    static Duration pace(Duration interval, Duration timeout) {
        long ms = TimeUnit.NANOSECONDS.toMillis(timeout.toNanos() + Math.max(0, interval.toNanos() - timeout.toNanos()) / 2);
        return Duration.ofMillis(Math.max(1, ms));
    }

    /**
     * The fate of an echo request sent now, within timeout (+ {@link EchoRound#grace}). Interrupting the caller
     * ends the wait as a timeout.
     */
    Outcome ask(Duration timeout) {
        lock.lock();
        EchoRound round = null;
        try {
            lastAsked = System.nanoTime();
            awaitPace();
            long now = System.nanoTime();
            if (!sendsNow(now, timeout)) return deadReason == null ? Outcome.timeout() : new Outcome.Failed(deadReason);
            round = new EchoRound(now, timeout, EchoRound.grace(interval, timeout), highestSent);
            rounds.add(round);
            return awaitOutcome(round);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.timeout();
        } finally {
            if (round != null) rounds.remove(round);
            if (rounds.isEmpty() && process != null && !held) held = process.hold();
            lock.unlock();
        }
    }

    /** A held ping whose pace passes within {@link #EARLY}: wait for it, rather than start a new ping. */
    private void awaitPace() throws InterruptedException {
        long left = lastSent + pace() - PACE_SLACK - System.nanoTime();
        while (process != null && held && !stopped && left > 0 && left <= EARLY.toNanos()) {
            changed.awaitNanos(left);
            left = lastSent + pace() - PACE_SLACK - System.nanoTime();
        }
    }

    private long pace() {
        return pace == null ? 0 : pace.toNanos();
    }

    private Outcome awaitOutcome(EchoRound round) throws InterruptedException {
        while (true) {
            Optional<Outcome> settled = round.outcome();
            if (settled.isPresent()) return settled.get();
            if (process == null) return deadReason == null ? Outcome.timeout() : new Outcome.Failed(deadReason);
            long left = round.deadline() - System.nanoTime();
            if (left <= 0) return Outcome.timeout();
            changed.awaitNanos(left);
        }
    }

    /**
     * Gets a request out now: a ping just started sends at once; a held one whose pace has passed, at its release;
     * any other is started again. False when no ping runs (it exited and waits out its backoff, or was stopped).
     */
    private boolean sendsNow(long now, Duration timeout) {
        if (stopped) return false;
        boolean repace = process != null && timeout.toNanos() - pacedFor > REPACE;
        if (process != null && now - lastHeard < silence && !repace) {
            boolean due = now - lastSent >= pace.toNanos() - PACE_SLACK;
            if (due && process.release()) {
                held = false;
                return true;
            }
        }
        if (process != null) kill();
        else if (now - restartAt < 0) return false;
        return start(now, timeout);
    }

    private boolean start(long now, Duration timeout) {
        long basis = Math.max(timeout.toNanos(), pacedFor);
        Duration p = pace(interval, Duration.ofNanos(basis));
        try {
            process = spawner.start(argv.apply(p));
        } catch (IOException | RuntimeException e) {
            died("cannot run ping: " + Failures.text(e), now);
            return false;
        }
        long gen = ++generation;
        pace = p;
        pacedFor = basis;
        lastHeard = now;
        lastSent = now;
        highestSent = 0;
        held = false;
        lastComplaint = "";
        deadReason = null;
        rounds.forEach(EchoRound::restarted);
        PingProcess started = process;
        Thread reader = new Thread(() -> read(started, gen), "mlb-ping " + name);
        reader.setDaemon(true);
        reader.start();
        return true;
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
            dated(line, now);
            for (EchoRound r : rounds) r.heard(line, now);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What a line says about the requests sent: their highest number, and when the newest went out. */
    private void dated(PingLine line, long now) {
        if (line instanceof PingLine.Reply r) {
            lastHeard = now;
            lastSent = Math.max(lastSent, now - r.rtt().toNanos());
            highestSent = Math.max(highestSent, r.seq());
        } else if (line instanceof PingLine.NoAnswer n) {
            lastSent = Math.max(lastSent, now);
            highestSent = Math.max(highestSent, n.seq() + 1);
        } else if (line instanceof PingLine.Error e) {
            highestSent = Math.max(highestSent, e.seq());
        }
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
