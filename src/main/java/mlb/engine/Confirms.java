package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.history.PendingConfirm;
import mlb.history.Record;
import mlb.plan.Plan;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Commit-confirmed: an apply made with --confirm is reverted to the state before it unless `mlb confirm`
 * runs in time. A detached watcher process does the revert at the deadline; if it is gone (killed, reboot),
 * the next mlb run on the target does it, so an unconfirmed apply never outlives its deadline unnoticed.
 */
final class Confirms {
    private final Session s;

    Confirms(Session s) {
        this.s = s;
    }

    Either<Refusal, Option<PendingConfirm>> read() {
        try {
            return Either.right(PendingConfirm.read(s.stateDir(), s.target.id()));
        } catch (IOException | RuntimeException e) {
            return Either.left(Refusal.of(Refusal.Reason.FAILED, "cannot read "
                    + PendingConfirm.file(s.stateDir(), s.target.id()) + ": " + e.getMessage()));
        }
    }

    /**
     * Starts (or restarts) the countdown after an apply with --confirm. A pending confirm already there keeps
     * the state it returns to: the last confirmed one.
     */
    Either<Refusal, ApplyResult.Armed> arm(Duration wait, Plan applied, Option<String> recorded) {
        return read().flatMap(old -> {
            PendingConfirm base = old.getOrElse(() -> new PendingConfirm(Instant.EPOCH, 0, "", applied.scope(),
                    applied.current(), recorded));
            String token = UUID.randomUUID().toString();
            Instant deadline = s.ws.clock().instant().plus(wait);
            long pid = spawn(deadline, token);
            try {
                base.withWatcher(pid, token, deadline).write(s.stateDir(), s.target.id());
            } catch (IOException e) {
                s.ws.watchers().end(pid, token);
                return Either.left(Refusal.of(Refusal.Reason.FAILED, "cannot write the pending confirm: " + e.getMessage(),
                        List.of("the apply stays and will not be reverted by itself")));
            }
            old.forEach(o -> s.ws.watchers().end(o.pid(), o.token()));
            return Either.right(new ApplyResult.Armed(deadline, wait, old.isDefined()));
        });
    }

    private long spawn(Instant deadline, String token) {
        try {
            return s.ws.watchers().spawn(s.stateDir(), s.target, deadline, token, s.dir().resolve("confirm-watch.log"));
        } catch (IOException e) {
            s.events.on(new Event.Warning("cannot start the confirm watcher: " + e.getMessage()
                    + "; the revert happens at the first mlb run on " + s.target + " after the deadline"));
            return 0;
        }
    }

    /** A deliberate new change confirms the apply that was waiting (its revert would undo this one too). */
    boolean supersede() {
        Option<PendingConfirm> pending = read().getOrElse(Option.none());
        pending.forEach(p -> {
            remove();
            s.ws.watchers().end(p.pid(), p.token());
        });
        return pending.isDefined();
    }

    /** Honours a deadline that passed while no watcher was left to act on it. */
    Either<Refusal, Boolean> settleAbandoned() {
        return read().flatMap(pending -> {
            Option<PendingConfirm> due = pending.filter(p -> p.overdue(s.ws.clock().instant())
                    && !s.ws.watchers().alive(p.pid(), p.token()));
            if (due.isEmpty()) return Either.right(false);
            return settle(due.get(), "and its watcher is gone").flatMap(r -> r.ok() ? Either.right(true)
                    : Either.left(Refusal.of(Refusal.Reason.FAILED, "reverting the unconfirmed apply on " + s.target
                    + " failed: " + r.failure().getOrElse("unknown"), List.of("see `mlb history` and `mlb status`"))));
        });
    }

    /**
     * Reverts to the state before the unconfirmed apply; the caller holds the lock. The pending confirm goes only
     * once the revert is done: a revert that could not run (a full state disk) is tried again by the next run.
     */
    Either<Refusal, ApplyResult> settle(PendingConfirm p, String why) {
        s.events.on(new Event.Settling(s.target, p.deadline(), why));
        return s.plan(p.returnTo(), p.scope(), List.empty()).flatMap(plan -> {
            s.events.on(new Event.Planned(plan, Record.Kind.REVERT));
            String what = p.unconfirmed().map(r -> " " + r.substring(0, 7)).getOrElse("");
            return s.applyIfApproved(plan, Intent.of(Record.Kind.REVERT, "revert unconfirmed apply" + what),
                    Approval.ALWAYS, "");
        }).peek(r -> {
            if (r.ok()) remove();
            s.events.on(new Event.Settled(r));
        });
    }

    void remove() {
        try {
            PendingConfirm.remove(s.stateDir(), s.target.id());
        } catch (IOException e) {
            s.events.on(new Event.Warning("cannot remove the pending confirm: " + e.getMessage()));
        }
    }
}
