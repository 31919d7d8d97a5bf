package mlb.monitor.health;

import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;

/**
 * The health of one link: an immutable state machine fed one {@link Round} at a time. It reads no clock; time comes
 * in with the rounds and only dates the changes.
 *
 * <p>A round <em>succeeds</em> when at least `reliability` targets answered. `age` counts the rounds since the last
 * change (since the start before the first one). Each round, in this order, the first rule that holds changes the
 * state (so a link that is both failing and slow is DOWN, not DEGRADED); then `age` and the clear run restart:
 * <ol>
 * <li><b>down</b> (from UNKNOWN, UP, DEGRADED): the last `down` rounds failed and age ≥ down.</li>
 * <li><b>up</b> (from UNKNOWN, DOWN): the last `up` rounds succeeded and age ≥ up. The window restarts, so an
 *     UP link's quality is judged only from rounds it answered as UP, never from its outage.</li>
 * <li><b>degraded</b> (from UP, only with a maximum set): the window is full, breaches a maximum (loss percent
 *     &gt; maxLoss, or mean RTT &gt; maxRtt; loss is named first when both do) and age ≥ down.</li>
 * <li><b>recovered</b> (from DEGRADED): the last `up` rounds each succeeded and ended with a full window that is
 *     <em>clear</em>: within 80 % of every maximum set (loss ≤ 4/5 maxLoss and mean RTT ≤ 4/5 maxRtt). The window is
 *     not restarted when a link is degraded or recovers: it slides on, so once outcomes settle the state is right
 *     within max(down, up) + window rounds.</li>
 * </ol>
 * Consequences the properties check: a change needs at least min(down, up) rounds since the one before; quality is
 * never judged from a part-filled window; and the 80 % band is the quality hysteresis, so loss or RTT hovering
 * just around a maximum takes a link out once and keeps it out rather than flapping it every few rounds.
 *
 * <p>A link starts UNKNOWN, counted in the balancing like UP (the kernel already balances over it; nothing is
 * changed before something is known), and shows as unknown until its first verdict, which is an ordinary event.
 *
 * @param okInARow        rounds in a row that succeeded (0 after a failed one)
 * @param failedInARow    rounds in a row that failed (0 after a successful one)
 * @param age             rounds since the last change
 * @param clearInARow     while DEGRADED: rounds in a row that succeeded with a full, clear window
 * @param lastRtt         the last answer ever seen, kept across restarts of the window
 */
public record LinkHealth(HealthPolicy policy, State state, Instant since, Why reason, int okInARow, int failedInARow,
                         int age, int clearInARow, Window window, Option<Duration> lastRtt) {
    public LinkHealth {
        if (policy == null || state == null || since == null || reason == null || window == null || lastRtt == null) {
            throw new IllegalArgumentException("link health needs every field");
        }
        if (okInARow < 0 || failedInARow < 0 || age < 0 || clearInARow < 0 || okInARow > 0 && failedInARow > 0) {
            throw new IllegalArgumentException("inconsistent counters");
        }
    }

    /** A link nothing is known about yet. */
    public static LinkHealth start(HealthPolicy policy, Instant at) {
        return new LinkHealth(policy, State.UNKNOWN, at, new Why.Started(), 0, 0, 0, 0, Window.empty(policy),
                Option.none());
    }

    /** Counted in the balancing (UP, or UNKNOWN: not known to be out). */
    public boolean live() {
        return state == State.UP || state == State.UNKNOWN;
    }

    public Option<Integer> lossPercent() {
        return window.lossPercent();
    }

    public Option<Duration> meanRtt() {
        return window.meanRtt();
    }

    /** Takes in one round (which must name exactly the policy's targets, at or after `since`). */
    public Transition next(Round round) {
        if (round.at().isBefore(since)) {
            throw new IllegalArgumentException("round at " + round.at() + " is before the last change at " + since);
        }
        LinkHealth seen = observe(round);
        return seen.verdict()
                .map(cause -> seen.change(cause, round.at()))
                .getOrElse(() -> new Transition(seen, Option.none()));
    }

    /**
     * The device lost its carrier: DOWN at once, without waiting for lost rounds. The probes bring the link back
     * as after any DOWN (`up` answered rounds in a row, counted from now), so a carrier that flaps keeps it out.
     */
    public Transition carrierLost(String dev, Instant at) {
        if (state == State.DOWN) return new Transition(this, Option.none());
        Instant when = at.isBefore(since) ? since : at;
        Cause cause = new Cause.CarrierLost(dev);
        LinkHealth after = new LinkHealth(policy, State.DOWN, when, cause, 0, 0, 0, 0, window, lastRtt);
        return new Transition(after, Option.some(new Event(state, State.DOWN, when, cause)));
    }

    private LinkHealth observe(Round round) {
        Window.Sample sample = policy.sample(round);
        boolean ok = sample.answers() >= policy.reliability();
        Window w = window.add(sample);
        boolean clear = state == State.DEGRADED && ok && w.full() && clear(w);
        return new LinkHealth(policy, state, since, reason, ok ? okInARow + 1 : 0, ok ? 0 : failedInARow + 1,
                age + 1, clear ? clearInARow + 1 : 0, w, round.lastRtt().orElse(lastRtt));
    }

    private Option<Cause> verdict() {
        return switch (state) {
            case UNKNOWN -> down().orElse(this::up);
            case DOWN -> up();
            case UP -> down().orElse(this::degraded);
            case DEGRADED -> down().orElse(this::recovered);
        };
    }

    private Option<Cause> down() {
        return failedInARow >= policy.down() && age >= policy.down()
                ? Option.some(new Cause.RoundsLost(failedInARow, failedInARow, lastRtt))
                : Option.none();
    }

    /** A run of successes has an answer in its last round, so `lastRtt` is set. */
    private Option<Cause> up() {
        return okInARow >= policy.up() && age >= policy.up()
                ? Option.some(new Cause.RoundsAnswered(okInARow, okInARow, lastRtt.get()))
                : Option.none();
    }

    private Option<Cause> degraded() {
        if (!window.full() || age < policy.down()) return Option.none();
        int rounds = window.rounds();
        Option<Cause> loss = policy.maxLoss().filter(window::lossOver)
                .map(max -> new Cause.LossOver(window.lossPercent().get(), max, rounds));
        return loss.orElse(() -> policy.maxRtt().filter(window::rttOver)
                .map(max -> new Cause.RttOver(window.meanRtt().get(), max, rounds)));
    }

    /** The clear run only grows on succeeded rounds, so the window holds answers and a mean. */
    private Option<Cause> recovered() {
        return clearInARow >= policy.up()
                ? Option.some(new Cause.WithinLimits(window.lossPercent().get(), window.meanRtt().get(), window.rounds()))
                : Option.none();
    }

    private boolean clear(Window w) {
        return policy.maxLoss().forAll(w::lossClear) && policy.maxRtt().forAll(w::rttClear);
    }

    private Transition change(Cause cause, Instant at) {
        State to = cause.leadsTo();
        Window w = to == State.UP && state != State.DEGRADED ? window.restart() : window;
        LinkHealth after = new LinkHealth(policy, to, at, cause, okInARow, failedInARow, 0, 0, w, lastRtt);
        return new Transition(after, Option.some(new Event(state, to, at, cause)));
    }
}
