package mlb.monitor;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.SortedSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.engine.Engine;
import mlb.engine.Refusal;
import mlb.monitor.health.Fleet;
import mlb.monitor.health.LastResort;
import mlb.spec.Balancer;
import mlb.spec.Spec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The monitor's decisions, on one thread: each round goes through its link's state machine; when the set of
 * links that should carry traffic changes, the engine applies the spec with exactly those links (plan, apply,
 * verify, record, like any apply); a link out longer than the grace period loses its conntrack entries. Nothing
 * touches the kernel before every link has had a first verdict, so a restarted monitor never blinks a dead link
 * back in.
 */
final class ReconcileLoop {
    private static final Duration RETRY = Duration.ofSeconds(5);
    /**
     * A plan of the whole kernel costs tens of ms and seven `ip` processes: once a minute, or sooner after lost
     * rounds (see below); but while the kernel's events are followed and said nothing since the last check (the
     * carrier and hand changes the check looks for are events), only every ten minutes.
     */
    private static final Duration CHECK = Duration.ofSeconds(60);
    private static final Duration CHECK_QUIET = Duration.ofMinutes(10);
    private static final Duration CHECK_SOON = Duration.ofSeconds(10);
    private final Engine engine;
    private final EngineEvents heard;
    private final Clock clock;
    private final Log log;
    private final Reactions reactions;
    private Monitored monitored;
    private Fleet fleet;
    private Option<SortedSet<String>> applied = Option.none();
    private Option<Instant> retryAt = Option.none();
    private Instant checkAt = Instant.EPOCH;
    /** Devices the kernel said lost their carrier, until it says they have it again. */
    private io.vavr.collection.Set<String> carrierless = io.vavr.collection.HashSet.empty();
    private Instant lastCheck = Instant.EPOCH;
    /** The kernel's event count at the last check (or verified change), when its events were followed, and since when. */
    private Option<Long> checkedAt = Option.none();
    private Instant quietSince = Instant.EPOCH;
    private Set<String> lossSeen = io.vavr.collection.HashSet.empty();
    private Option<String> holding = Option.none();
    private Set<String> complained = io.vavr.collection.HashSet.empty();
    private Cascade cascade = Cascade.NONE;
    /** While every link is down (last_resort keep): the balancing kept, the one before a cascade if one led there. */
    private Option<SortedSet<String>> kept = Option.none();
    /** Whether the running spec is the one last applied (false from a reload until it is applied). */
    private boolean lastSpecApplied = true;
    /** Whether the monitor has made its first decision (it then says so, even when the kernel needed no change). */
    private boolean inCharge;

    ReconcileLoop(Engine engine, EngineEvents heard, Monitored monitored, Clock clock, Log log, Reactions reactions) {
        this.engine = engine;
        this.heard = heard;
        this.monitored = monitored;
        this.clock = clock;
        this.log = log;
        this.reactions = reactions;
        this.fleet = monitored.fleet(clock.instant());
    }

    Fleet fleet() {
        return fleet;
    }

    Monitored monitored() {
        return monitored;
    }

    Option<String> holding() {
        return holding;
    }

    /**
     * The links that should carry traffic now. When every link is down the spec's last resort decides; with
     * "keep" the balancing stays exactly as it was (the probe targets may be what failed) — as it was before the
     * links began to go down, when their verdicts cascaded there (see {@link Cascade}) — and each link is restored
     * as soon as it is up again, without waiting for the others.
     */
    SortedSet<String> effective() {
        return effective(monitored, fleet);
    }

    private SortedSet<String> effective(Monitored m, Fleet f) {
        Balancer.LastResort lr = m.spec().balancer().lastResort();
        if (f.live().isEmpty() && lr == Balancer.LastResort.KEEP && applied.isDefined()) return kept.getOrElse(applied.get());
        return f.effective(lastResort(lr));
    }

    static LastResort lastResort(Balancer.LastResort lr) {
        return switch (lr) {
            case KEEP -> LastResort.KEEP;
            case MAIN -> LastResort.MAIN;
            case UNREACHABLE -> LastResort.UNREACHABLE;
        };
    }

    void round(Probed link, mlb.monitor.health.Round judged) {
        complaints(link.link().name(), judged);
        if (!decided(link, fleet.next(link.link().name(), judged))) afterLostRounds(link.link().name(), judged);
    }

    /**
     * The kernel's word on a device's carrier. Lost: each link on it is down at once (its rounds would take a
     * second or more to say so, and in connmark mode nothing else takes it out of the slots). Back: the link's
     * objects the kernel deleted with the carrier are written again at once; the probes decide, as after any
     * down, when it takes traffic again.
     */
    void carrier(mlb.monitor.carrier.CarrierEvent e) {
        List<Probed> on = monitored.probed().values().filter(p -> p.link().dev().equals(e.dev())).toList();
        if (on.isEmpty()) return;
        engine.carrierChanged(e.dev(), e.up(), e.carrier(), e.generation());
        if (e.carrier()) {
            if (!carrierless.contains(e.dev())) return;
            carrierless = carrierless.remove(e.dev());
            log.line("carrier back on " + e.dev() + ": restoring what the kernel deleted; the probes decide when "
                    + on.map(p -> p.link().name()).mkString(", ") + " take traffic again");
            reconcile("carrier back on " + e.dev(), true, false);
            return;
        }
        if (carrierless.contains(e.dev())) return;
        carrierless = carrierless.add(e.dev());
        for (Probed p : on) decided(p, fleet.carrierLost(p.link().name(), e.dev(), clock.instant()));
    }

    /** Takes a step of the fleet: logs and reacts to its events, and writes the balancing if one came; whether one did. */
    private boolean decided(Probed link, Fleet.Step step) {
        SortedSet<String> liveBefore = fleet.live();
        SortedSet<String> was = effective();
        fleet = step.after();
        step.events().forEach(e -> {
            log.line(e.line());
            reactions.changed(e, link, fleet.health(e.link()).get());
        });
        Instant now = clock.instant();
        if (!fleet.live().isEmpty()) kept = Option.none();
        if (!liveBefore.isEmpty() && fleet.live().isEmpty()) {
            Option<SortedSet<String>> before = cascade.restores(now, monitored.cascadeWindow());
            kept = before.orElse(applied);
            log.line("all links down: " + allDownText(before.filter(b -> !applied.contains(b))));
            reactions.allDown(link, fleet);
        }
        cascade = cascade.next(liveBefore, fleet.live(), was, now, monitored.cascadeWindow());
        if (step.events().isEmpty()) return false;
        reconcile(step.events().map(Fleet.LinkEvent::line).mkString("; "), false);
        return true;
    }

    /**
     * A link that lost a round or two and answers again without a verdict may have lost its carrier for a moment,
     * and the kernel deletes a link's nexthops when it does: check the kernel then (at most every CHECK_SOON),
     * not only at the next periodic check.
     */
    private void afterLostRounds(String link, mlb.monitor.health.Round judged) {
        boolean lost = judged.results().exists(r -> r.answer().isEmpty());
        if (lost) {
            lossSeen = lossSeen.add(link);
        } else if (lossSeen.contains(link)) {
            lossSeen = lossSeen.remove(link);
            Instant now = clock.instant();
            if (applied.isDefined() && !now.isBefore(lastCheck.plus(CHECK_SOON))) check(now);
        }
    }

    private boolean quietSinceCheck(Instant now) {
        Option<Long> count = engine.kernelGeneration(monitored.spec());
        return count.isDefined() && count.equals(checkedAt) && now.isBefore(quietSince.plus(CHECK_QUIET));
    }

    private void check(Instant now) {
        lastCheck = now;
        checked();
        reconcile("kernel check", true);
    }

    /** The kernel as read now is what mlb wants: the next check is due in a minute, or when its events say so. */
    private void checked() {
        Option<Long> count = engine.kernelGeneration(monitored.spec());
        if (!count.equals(checkedAt)) quietSince = clock.instant();
        checkedAt = count;
        checkAt = clock.instant().plus(CHECK);
    }

    /**
     * A probe that failed for a reason other than a plain timeout (a refused connection, a ping that cannot
     * run) is logged once per link and reason, until the link answers again: it may be the probe, not the link.
     */
    private void complaints(String link, mlb.monitor.health.Round judged) {
        for (mlb.monitor.health.TargetResult r : judged.results()) {
            if (r instanceof mlb.monitor.health.TargetResult.Failed f && !f.why().equals("timeout")) {
                String key = link + " " + f.target() + " " + f.why();
                if (!complained.contains(key)) log.problem(link + ": probe of " + f.target() + " failed: " + f.why()
                        + " (said once; it counts as a lost probe of this link only)");
                complained = complained.add(key);
            } else if (r.answer().isDefined()) {
                complained = complained.filter(k -> !k.startsWith(link + " " + r.target() + " "));
            }
        }
    }

    private String allDownText(Option<SortedSet<String>> restored) {
        return switch (monitored.spec().balancer().lastResort()) {
            case KEEP -> restored.map(r -> "the balancing returns to " + r.mkString(", ") + ", as it was before the links went down"
                    + " one after another within " + monitored.cascadeWindow().toMillis() + " ms of each other").getOrElse(
                    "the balancing stays as it was") + " (last_resort keep: the probe targets may be what failed)";
            case MAIN -> "the balancing table gives way to main (last_resort main)";
            case UNREACHABLE -> "new connections fail fast (last_resort unreachable)";
        };
    }

    /**
     * Once a second: retries, the kernel check, the conntrack grace period, and the status file. The kernel check
     * plans again now and then: a carrier lost for less than the detection time makes the kernel delete the
     * link's nexthops without any verdict changing, and someone may have changed mlb's objects by hand.
     */
    void tick() {
        Instant now = clock.instant();
        if (retryAt.exists(t -> !now.isBefore(t))) {
            reconcile("retry", true);
        } else if (applied.isDefined() && !now.isBefore(checkAt)) {
            if (quietSinceCheck(now)) checkAt = now.plus(CHECK);
            else check(now);
        }
        reactions.tick(fleet, inKernel(), now);
        applied.forEach(links -> engine.readAhead(monitored.spec(), links));
    }

    /**
     * The links the kernel balances over, as far as the monitor knows: what it last applied (a change that could
     * not be applied leaves a link in), or every link before its first change. The conntrack reaction follows
     * this, not the verdicts: a link still in the group keeps its connections.
     */
    SortedSet<String> inKernel() {
        return applied.getOrElse(() -> monitored.names());
    }

    /**
     * A new spec (SIGHUP or a changed file), used only when it passes the host checks of `mlb plan` for the links
     * it would balance over, and for every link whose device is new to the monitor even while that link is out:
     * a device that does not exist would fail its link's probes, and a link out without a device loses its
     * objects, though the link itself is healthy. Else the running spec stays in force, unchanged, and the log
     * says why. Links whose check is unchanged keep their state. Whether the new spec is used.
     */
    boolean reload(Monitored next) {
        Fleet after = next.fleet(clock.instant(), fleet, monitored);
        Either<Refusal, mlb.plan.Plan> fits = engine.planFollowing(next.spec(), effective(next, after).union(newDevices(next)));
        if (fits.isLeft()) {
            log.problem("the changed spec " + next.file() + " is not used, the running one stays in force: "
                    + fits.getLeft().message() + fits.getLeft().context().map(c -> "; " + c).mkString());
            return false;
        }
        log.line("spec reloaded: " + Describe.links(next));
        fleet = after;
        monitored = next;
        lastSpecApplied = false;
        reconcile("spec reloaded", true);
        return true;
    }

    /** Links of a new spec whose device the running one does not give them (new links, or dev changed). */
    private SortedSet<String> newDevices(Monitored next) {
        return io.vavr.collection.TreeSet.ofAll(next.spec().links()
                .filter(l -> !monitored.link(l.name()).exists(old -> old.dev().equals(l.dev())))
                .map(mlb.spec.Link::name));
    }

    /**
     * Applies the links that should carry traffic, unless that is what was applied last (force: do it anyway, the
     * spec or the kernel may have changed). Nothing happens before every link has had its first verdict.
     */
    private void reconcile(String why, boolean force) {
        reconcile(why, force, force);
    }

    /** fresh: read the kernel afresh (the kernel check, a retry, a new spec), not what was read and kept. */
    private void reconcile(String why, boolean force, boolean fresh) {
        if (!fleet.settled()) return;
        SortedSet<String> want = effective();
        if (!force && applied.contains(want)) return;
        if (fresh) engine.forgetReading();
        Instant verdict = clock.instant();
        // The links as applied last, with the spec applied last: whatever this changes was changed outside the monitor.
        boolean repair = applied.contains(want) && lastSpecApplied;
        Either<Refusal, ApplyResult> r = engine.follow(monitored.spec(), monitored.file(), want, describe(want, why, repair), repair);
        r.fold(refused -> failed(refused.message()), result -> done(result, want, verdict));
    }

    /**
     * The record's title: which links are out, and why (a coalesced commit keeps only the first part). A repair
     * (the links as applied last) says they are still so: the engine names what it put back before this.
     */
    private String describe(Set<String> want, String why, boolean repair) {
        List<String> out = List.ofAll(monitored.names()).filter(n -> !want.contains(n));
        boolean keeping = fleet.live().isEmpty() && monitored.spec().balancer().lastResort() == Balancer.LastResort.KEEP;
        return (out.isEmpty() ? (repair ? "every link still in" : "every link in") : String.join(", ", out) + (repair ? " still out" : " out"))
                + (keeping ? ", as before every link went down" : "") + " (" + why + ")";
    }

    private Void done(ApplyResult r, SortedSet<String> want, Instant verdict) {
        switch (r.outcome()) {
            case HELD -> hold();
            case UNCHANGED, APPLIED -> {
                applied = Option.some(want);
                lastSpecApplied = true;
                checked(); // a change is verified by a fresh read: as good as a check
                retryAt = Option.none();
                holding.forEach(h -> log.line("no apply waits for `mlb confirm` any more: the monitor acts again"));
                holding = Option.none();
                if (r.outcome() == ApplyResult.Outcome.APPLIED) applied(r, want, verdict);
                else if (!inCharge) log.line("taking over: " + (want.isEmpty() ? "no link" : want.mkString(", "))
                        + " carry traffic as the kernel has it; nothing to change");
                inCharge = true;
            }
            case DECLINED, REVERTED, INTERRUPTED, FAILED -> failed(r.outcome().name().toLowerCase() + ": " + r.failure().getOrElse(""));
        }
        return null;
    }

    private void applied(ApplyResult r, SortedSet<String> want, Instant verdict) {
        long toWrite = Math.max(0, Duration.between(verdict, heard.writing()).toMillis());
        long ms = Duration.between(verdict, clock.instant()).toMillis();
        int waiting = engine.unrecorded();
        log.line("balancing over " + (want.isEmpty() ? "no link" : want.mkString(", ")) + ": " + r.plan().summary()
                + ", written " + toWrite + " ms after the verdict, verified " + (waiting > 0
                ? "in " + ms + " ms; not recorded yet: " + (waiting == 1 ? "its record waits" : waiting + " records wait")
                + " in memory until the state directory takes them"
                : "and recorded in " + ms + " ms" + r.recorded().map(id -> " as " + id.substring(0, 7)).getOrElse("")));
        reactions.applied(r, ms);
    }

    private void hold() {
        if (holding.isEmpty()) log.line("holding: an apply waits for `mlb confirm`; the kernel stays as it is until it is confirmed or reverted");
        holding = Option.some("an apply waits for `mlb confirm`");
        retryAt = Option.some(clock.instant().plus(Duration.ofSeconds(1)));
    }

    private Void failed(String why) {
        log.problem("could not apply the balancing (retrying in " + RETRY.toSeconds() + " s): " + why);
        retryAt = Option.some(clock.instant().plus(RETRY));
        return null;
    }
}
