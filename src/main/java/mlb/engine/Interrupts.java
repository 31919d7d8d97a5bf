package mlb.engine;

import sun.misc.Signal;

import java.util.function.Supplier;

/**
 * SIGINT and SIGTERM while mlb works. The handler only raises a flag and then waits: for a kernel write in
 * progress without limit (the write stops at its next safe point and is reverted, so the kernel is always exactly
 * as before or exactly as after), and for the rest of an operation briefly, so it can report that it was
 * interrupted instead of dying mid-sentence. Then the process exits 130, running its shutdown hooks (the lab's
 * teardown). The CLI installs it when it starts; otherwise the first operation of a process does.
 */
final class Interrupts {
    static final int EXIT = 130;
    private static final Interrupts PROCESS = new Interrupts();
    private static final long TAIL_MS = 1000;
    private volatile boolean requested;
    private int operations;
    private int critical;
    private boolean installed;
    private volatile boolean announce = true;

    private Interrupts() {
    }

    static Interrupts process() {
        return PROCESS;
    }

    /** Whether SIGINT or SIGTERM has come: operations stop at their next safe point. */
    static boolean requestedNow() {
        return PROCESS.requested;
    }

    boolean requested() {
        return requested;
    }

    synchronized void install() {
        if (installed) return;
        Signal.handle(new Signal("INT"), s -> interrupted());
        Signal.handle(new Signal("TERM"), s -> interrupted());
        installed = true;
    }

    /** A daemon (the monitor) says itself that it stopped: then the handler adds no word. */
    void quiet() {
        announce = false;
    }

    synchronized void enter() {
        install();
        operations++;
    }

    synchronized void exit() {
        operations--;
        notifyAll();
    }

    /** Runs work that must finish (a write and its verify, revert and record) before the process may exit. */
    <T> T critical(Supplier<T> work) {
        synchronized (this) {
            critical++;
        }
        try {
            return work.get();
        } finally {
            synchronized (this) {
                critical--;
                notifyAll();
            }
        }
    }

    /** On the signal's own thread, so it may wait. An operation that reported itself needs no word here. */
    private void interrupted() {
        requested = true;
        boolean unreported;
        synchronized (this) {
            unreported = operations == 0;
            long tailEnds = System.currentTimeMillis() + TAIL_MS;
            try {
                while (critical > 0 || operations > 0 && System.currentTimeMillis() < tailEnds) {
                    wait(critical > 0 ? 1000 : Math.max(1, tailEnds - System.currentTimeMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            unreported |= operations > 0;
        }
        if (unreported && announce) System.err.println("mlb: interrupted");
        System.exit(EXIT);
    }
}
