package mlb.kernel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Reads of the kernel that run at the same time: each is mostly a process start, and a monitor's change waits
 * for all of them before it may write. Daemon threads, so a read never keeps a process alive.
 */
public final class Readers {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mlb-read");
        t.setDaemon(true);
        return t;
    });

    private Readers() {
    }

    public static <T> CompletableFuture<T> start(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, POOL);
    }

    /** The read's result once it is in; what it threw (a kernel error, a missing program), as it threw it. */
    public static <T> T await(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }
}
