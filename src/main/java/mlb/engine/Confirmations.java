package mlb.engine;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.history.PendingConfirm;

import java.time.Instant;
import java.util.Optional;

/** `mlb confirm` and the watcher that reverts an unconfirmed apply at its deadline. */
final class Confirmations {
    private static final long LOCK_PATIENCE_MS = 600_000;

    private Confirmations() {
    }

    static Either<Refusal, ConfirmResult> confirm(Session s) {
        return s.tryLock().flatMap(lock -> lock.<Either<Refusal, ConfirmResult>>map(l -> {
            try {
                s.flushJournal();
                return s.confirms.read().flatMap(pending -> confirm(s, pending));
            } finally {
                Session.close(l);
            }
        }).orElseGet(() -> Either.left(s.locked("another mlb holds the lock on " + s.target,
                "if the confirm deadline is passing, its revert may be running now: see `mlb status" + Hints.netns(s.target) + "`"))));
    }

    private static Either<Refusal, ConfirmResult> confirm(Session s, Option<PendingConfirm> pending) {
        if (pending.isEmpty()) return Either.right(ConfirmResult.nothingPending(s.target));
        PendingConfirm p = pending.get();
        if (p.overdue(s.ws.clock().instant())) {
            return s.confirms.settle(p, "(confirm came too late)").map(r -> ConfirmResult.tooLate(s.target, p.deadline(), r));
        }
        s.confirms.remove();
        s.ws.watchers().end(p.pid(), p.token());
        return Either.right(ConfirmResult.confirmed(s.target, p.unconfirmed()));
    }

    static Either<Refusal, WatchResult> watch(Session s, Instant deadline, String token) {
        s.events.on(new Event.Watching("watching " + s.target + " until " + deadline));
        sleepUntil(deadline);
        long giveUp = System.currentTimeMillis() + LOCK_PATIENCE_MS;
        while (System.currentTimeMillis() < giveUp) {
            Either<Refusal, Optional<Lock>> lock = s.tryLock();
            if (lock.isLeft()) return Either.left(lock.getLeft());
            if (lock.get().isPresent()) {
                try {
                    return act(s, token);
                } finally {
                    Session.close(lock.get().get());
                }
            }
            sleep(200);
        }
        s.events.on(new Event.Watching("gave up waiting for the lock; the next mlb run on " + s.target + " reverts"));
        return Either.right(new WatchResult(WatchResult.Ending.GAVE_UP, Option.none()));
    }

    private static Either<Refusal, WatchResult> act(Session s, String token) {
        s.flushJournal();
        return s.confirms.read().flatMap(p -> {
            if (p.isEmpty() || !p.get().token().equals(token)) {
                s.events.on(new Event.Watching("confirmed or superseded: nothing to revert"));
                return Either.right(new WatchResult(WatchResult.Ending.CONFIRMED, Option.none()));
            }
            return s.confirms.settle(p.get(), "(deadline passed)")
                    .map(r -> new WatchResult(WatchResult.Ending.REVERTED, Option.some(r)));
        });
    }

    private static void sleepUntil(Instant deadline) {
        long left;
        while ((left = deadline.toEpochMilli() - System.currentTimeMillis()) > 0) sleep(Math.min(left, 1000));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
