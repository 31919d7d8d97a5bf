package mlb.monitor;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work handed from other threads to one executor (the decider), so that what arrives together runs in one task:
 * the rounds of several links that finish in the same moment wake the decider once, not once each, and `after`
 * runs once after them. Each piece still runs in the order it arrived.
 */
final class Handoff {
    private final Executor executor;
    private final Runnable after;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Handoff(Executor executor, Runnable after) {
        this.executor = executor;
        this.after = after;
    }

    void submit(Runnable work) {
        waiting.add(work);
        if (!scheduled.compareAndSet(false, true)) return;
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            scheduled.set(false); // shutting down: what waits is dropped with the executor
        }
    }

    private void drain() {
        // Cleared first: a piece that arrives while these run schedules a task of its own.
        scheduled.set(false);
        for (Runnable r = waiting.poll(); r != null; r = waiting.poll()) r.run();
        after.run();
    }
}
