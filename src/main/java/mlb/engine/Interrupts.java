package mlb.engine;

import sun.misc.Signal;

import java.io.PrintStream;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * SIGINT and SIGTERM while mlb works. The handler raises a flag and then waits: for a kernel write in progress
 * without limit (the write stops at its next safe point and is reverted, so the kernel is always exactly as before
 * or exactly as after), and for the rest of an operation briefly, so it can report that it was interrupted instead
 * of dying mid-sentence. Then the process exits 130, running its shutdown hooks (the lab's teardown). The CLI
 * installs it when it starts; otherwise the first operation of a process does.
 * <p>
 * A front end that tells what its change did (the CLI's apply, destroy, rollback) owns the ending once the change
 * began or its operation returned: only it knows whether the kernel holds the change (exit 0) or its revert (130),
 * so the handler then never exits in its place. Before that, when the handler ends the process, no change may
 * begin and no operation returns to the front end: exactly one of them speaks.
 */
final class Interrupts {
    static final int EXIT = 130;
    private static final Interrupts PROCESS = new Interrupts(System::exit, System.err, 1000);
    private final IntConsumer exit;
    private final PrintStream err;
    private final long tailMs;
    private volatile boolean requested;
    private int operations;
    private int critical;
    private boolean installed;
    private volatile boolean announce = true;
    private boolean frontEndTells;
    /** A change began in this process: what the kernel holds is its outcome's to say. */
    private boolean changeBegan;
    /** An operation returned: its outcome is being shown. */
    private boolean returned;
    /** The handler is ending the process. */
    private boolean ending;

    /** exit: ends the process (System.exit; never returns); tailMs: how long an operation may take to stop by itself. */
    Interrupts(IntConsumer exit, PrintStream err, long tailMs) {
        this.exit = exit;
        this.err = err;
        this.tailMs = tailMs;
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

    /** The front end tells what its change did and ends the process with that outcome's exit code. */
    synchronized void frontEndTells() {
        frontEndTells = true;
    }

    synchronized boolean frontEndTellsNow() {
        return frontEndTells;
    }

    synchronized void enter() {
        install();
        silentWhileEnding();
        operations++;
    }

    synchronized void exit() {
        operations--;
        returned = true;
        notifyAll();
        silentWhileEnding();
    }

    /**
     * Runs work that must finish (a write and its verify, revert and record) before the process may exit, or
     * refused instead when an interrupt has come: checked under the same lock the handler decides under, so a
     * change never begins while the handler ends the process.
     */
    <T> T critical(Supplier<T> work, Supplier<T> refused) {
        synchronized (this) {
            if (requested || ending) return refused.get();
            critical++;
            changeBegan = true;
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

    /** The handler speaks and ends the process: a front end's thread says nothing after it (it ends with it). */
    private void silentWhileEnding() {
        while (ending && frontEndTells) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** On the signal's own thread, so it may wait. An operation that reported itself needs no word here. */
    void interrupted() {
        requested = true;
        boolean unreported;
        synchronized (this) {
            unreported = operations == 0;
            long tailEnds = System.currentTimeMillis() + tailMs;
            try {
                while (!ending && (critical > 0 || frontEndsOutcome()
                        || operations > 0 && System.currentTimeMillis() < tailEnds)) {
                    boolean waitsForWork = critical > 0 || frontEndsOutcome();
                    wait(waitsForWork ? 0 : Math.max(1, tailEnds - System.currentTimeMillis()));
                    // After a write the operation records and returns: it gets a whole tail for that.
                    if (waitsForWork) tailEnds = System.currentTimeMillis() + tailMs;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (ending) return;   // a first signal's handler is ending the process
            ending = true;
            unreported |= operations > 0;
        }
        if (unreported && announce) err.println(changeBegan ? "mlb: interrupted" : "mlb: interrupted; nothing was changed");
        exit.accept(EXIT);
    }

    /** Once its change began or its operation returned, only the front end knows what to say and how to end. */
    private boolean frontEndsOutcome() {
        return frontEndTells && (changeBegan || returned);
    }
}
