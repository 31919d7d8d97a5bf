package mlb.monitor.probe;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When a probe must be done. Socket timeouts bound each read, not a whole exchange (a server that drips one
 * byte at a time could stretch a handshake forever), so {@link #guard} also closes the socket at the deadline.
 */
final class Deadline {
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mlb-probe-deadline");
        t.setDaemon(true);
        return t;
    });

    private final long at;

    private Deadline(long at) {
        this.at = at;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + Math.max(0, timeout.toNanos()));
    }

    boolean passed() {
        return System.nanoTime() - at >= 0;
    }

    /** Milliseconds left for a socket timeout, at least 1 (0 would mean wait forever). */
    int millisLeft() {
        long left = TimeUnit.NANOSECONDS.toMillis(at - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    /** Closes socket at the deadline unless the returned guard is closed first. */
    Guard guard(Closeable socket) {
        ScheduledFuture<?> close = CLOSER.schedule(() -> closeQuietly(socket), at - System.nanoTime(), TimeUnit.NANOSECONDS);
        return () -> close.cancel(false);
    }

    interface Guard extends AutoCloseable {
        @Override
        void close();
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Closing only unblocks the probe's thread; the probe reports the timeout.
        }
    }
}
