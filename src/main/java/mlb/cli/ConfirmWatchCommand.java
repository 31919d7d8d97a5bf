package mlb.cli;

import mlb.apply.Lock;
import mlb.history.PendingConfirm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The detached process `apply --confirm` starts: at the deadline, reverts unless the apply was confirmed. */
@Command(name = "confirm-watch", hidden = true)
final class ConfirmWatchCommand implements Callable<Integer> {
    private static final long LOCK_PATIENCE_MS = 600_000;

    @ParentCommand
    Main main;

    @Mixin
    TargetOption target;

    @Option(names = "--deadline", required = true, paramLabel = "EPOCHMS")
    long deadline;

    @Option(names = "--token", required = true)
    String token;

    @Override
    public Integer call() throws Exception {
        Session s = new Session(main, target.target());
        log("watching " + s.target + " until " + Instant.ofEpochMilli(deadline));
        sleepUntil(deadline);
        long giveUp = System.currentTimeMillis() + LOCK_PATIENCE_MS;
        while (System.currentTimeMillis() < giveUp) {
            Optional<Lock> lock = s.tryLock();
            if (lock.isPresent()) {
                try (Lock ignored = lock.get()) {
                    return act(s);
                }
            }
            Thread.sleep(200);
        }
        log("gave up waiting for the lock; the next mlb run on " + s.target + " reverts");
        return Exit.LOCKED;
    }

    private int act(Session s) {
        s.flushJournal();
        io.vavr.control.Option<PendingConfirm> p = Confirms.read(s);
        if (p.isEmpty() || !p.get().token().equals(token)) {
            log("confirmed or superseded: nothing to revert");
            return Exit.OK;
        }
        int code = Confirms.settle(s, p.get(), "(deadline passed)");
        log("revert finished with exit code " + code);
        return code;
    }

    private void log(String what) {
        main.out.println(Instant.now() + " mlb confirm-watch: " + what);
    }

    private static void sleepUntil(long epochMs) throws InterruptedException {
        long left;
        while ((left = epochMs - System.currentTimeMillis()) > 0) Thread.sleep(Math.min(left, 1000));
    }
}
