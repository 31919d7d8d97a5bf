package mlb.engine;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.history.Entry;
import mlb.history.History;
import mlb.history.PendingConfirm;
import mlb.history.Snapshot;
import mlb.history.StateDiff;
import mlb.history.TextDiff;
import mlb.model.NetState;

import java.io.IOException;
import java.time.Duration;

/** The read-only operations: status, history, show and diff. */
final class Audit {
    static final String LIVE = "live";

    private Audit() {
    }

    static Either<Refusal, Status> status(Session s) {
        Option<Refusal> denied = Access.unreadableHistory(s.stateDir());
        if (denied.isDefined()) return Either.left(denied.get());
        s.flushIfIdle();
        Option<Lock.Busy> busy = Lock.busy(s.ws.lockDir(), s.target, s.stateDir());
        Option<DriftReport> drift = busy.isDefined() ? Option.none() : Drifts.of(s);
        Option<Entry> last = drift.map(DriftReport::last).orElse(() -> busy.flatMap(b -> Drifts.last(s)).map(mlb.history.LastRecord::entry));
        return s.confirms.read().map(pending -> new Status(s.target, last, drift, pending.map(p -> pending(s, p)),
                s.recorder.pending(), monitoring(s), busy));
    }

    private static Option<Status.Monitoring> monitoring(Session s) {
        return Monitors.view(s).map(v -> new Status.Monitoring(v, Monitors.running(v.pid()),
                TreeMap.ofEntries(v.links().flatMap(l -> s.reconciler.kernel().devices().traffic(l.dev())
                        .map(t -> new Tuple2<>(l.name(), t)))), Duration.between(v.updated(), s.ws.clock().instant())));
    }

    private static Status.Pending pending(Session s, PendingConfirm p) {
        long left = Math.max(0, Duration.between(s.ws.clock().instant(), p.deadline()).toSeconds());
        return new Status.Pending(p, s.ws.watchers().alive(p.pid(), p.token()), left);
    }

    static Either<Refusal, HistoryResult> history(Session s) {
        Option<Refusal> denied = Access.unreadableHistory(s.stateDir());
        if (denied.isDefined()) return Either.left(denied.get());
        s.flushIfIdle();
        return s.history().flatMap(opened -> {
            if (opened.isEmpty()) return Either.right(new HistoryResult(s.target, s.stateDir(), List.empty()));
            try (History h = opened.get()) {
                return Either.right(new HistoryResult(s.target, s.stateDir(), h.log(s.target.id())));
            } catch (IOException e) {
                return Either.left(Refusal.of(Refusal.Reason.FAILED, "cannot read the audit history " + s.stateDir() + ": " + e.getMessage()));
            }
        });
    }

    static Either<Refusal, Shown> show(Session s, String rev) {
        return readable(s).flatMap(h -> {
            try (h) {
                return Revisions.find(h, s, rev).flatMap(e -> Applies.snapshot(h, e)
                        .flatMap(snap -> message(h, e).map(m -> new Shown(e, m, snap))));
            }
        });
    }

    private static Either<Refusal, String> message(History h, Entry e) {
        try {
            return Either.right(h.message(e));
        } catch (IOException ex) {
            return Either.left(Refusal.of(Refusal.Reason.FAILED, "cannot read entry " + e.shortId() + ": " + ex.getMessage()));
        }
    }

    /** The history of a state directory this user may read, or why not. */
    private static Either<Refusal, History> readable(Session s) {
        Option<Refusal> denied = Access.unreadableHistory(s.stateDir());
        return denied.isDefined() ? Either.left(denied.get()) : s.requireHistory();
    }

    /**
     * With one REV: what that entry changed (from the entry before it). With REV2: from REV to REV2. With
     * REV2 = live: from REV to the kernel's owned state now, the session's target's or (itsTarget) the one REV
     * was recorded for.
     */
    static Either<Refusal, Compared> diff(Session s, String rev, Option<String> rev2, boolean itsTarget) {
        return readable(s).flatMap(h -> {
            try (h) {
                return Revisions.find(h, s, rev).flatMap(a -> Applies.snapshot(h, a)).flatMap(at -> rev2.contains(LIVE)
                        ? liveTarget(s, at.entry(), itsTarget).map(t -> live(t.equals(s.target) ? s : new Session(s.ws, t, s.events), at))
                        : other(h, s, at, rev2).map(from -> rev2.isEmpty() ? compare(from, Option.some(at)) : compare(Option.some(at), from)));
            }
        });
    }

    private static Either<Refusal, mlb.proc.Target> liveTarget(Session s, Entry e, boolean itsTarget) {
        if (!itsTarget) return Either.right(s.target);
        return Option.ofOptional(mlb.proc.Target.fromId(e.target()))
                .toEither(() -> Refusal.of(Refusal.Reason.USAGE, e.shortId() + " does not say which target it was recorded for ("
                        + e.target() + ")", List.of("name the kernel to compare with: `mlb diff " + e.shortId() + " live --netns NS`")))
                .flatMap(t -> Access.present(s.ws, t));
    }

    private static Compared live(Session s, Snapshot at) {
        NetState now = s.reconciler.read(at.scope()).owned();
        return new Compared(at.entry().shortId(), LIVE + " (" + s.target + ")", Option.some(s.target), Option.none(),
                StateDiff.lines(at.after(), now));
    }

    /** The other side: REV2, or without it the entry before REV (none for a first entry). */
    private static Either<Refusal, Option<Snapshot>> other(History h, Session s, Snapshot at, Option<String> rev2) {
        if (rev2.isDefined()) return Revisions.find(h, s, rev2.get()).flatMap(e -> Applies.snapshot(h, e)).map(Option::some);
        try {
            Option<Entry> previous = h.previous(at.entry());
            if (previous.isEmpty()) return Either.right(Option.none());
            return Applies.snapshot(h, previous.get()).map(Option::some);
        } catch (IOException e) {
            return Either.left(Refusal.of(Refusal.Reason.FAILED, "cannot read the entry before " + at.entry().shortId() + ": " + e.getMessage()));
        }
    }

    private static Compared compare(Option<Snapshot> from, Option<Snapshot> to) {
        String a = from.map(f -> f.entry().shortId()).getOrElse("(nothing)");
        String b = to.map(t -> t.entry().shortId()).getOrElse("(nothing)");
        String spec = TextDiff.unified(a + "/spec.toml", from.flatMap(Snapshot::spec).getOrElse(""),
                b + "/spec.toml", to.flatMap(Snapshot::spec).getOrElse(""));
        return new Compared(a, b, Option.none(), Option.some(spec), StateDiff.lines(after(from), after(to)));
    }

    private static NetState after(Option<Snapshot> s) {
        return s.map(Snapshot::after).getOrElse(NetState.empty());
    }
}
