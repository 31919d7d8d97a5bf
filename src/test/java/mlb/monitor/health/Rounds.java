package mlb.monitor.health;

import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;

/** Builds rounds for a policy's targets and feeds them to a link, counting what changed. */
final class Rounds {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration INTERVAL = Duration.ofMillis(500);

    private Rounds() {
    }

    static Instant at(int i) {
        return T0.plus(INTERVAL.multipliedBy(i));
    }

    /** Bit i of `answered` set: target i answered after `rtt`; otherwise it timed out. */
    static Round round(HealthPolicy p, int i, long answered, Duration rtt) {
        List<TargetResult> results = p.targets().zipWithIndex().map(t -> (answered & (1L << t._2)) != 0
                ? new TargetResult.Answered(t._1, rtt)
                : new TargetResult.Failed(t._1, "timeout"));
        return new Round(at(i), results);
    }

    static Round ok(HealthPolicy p, int i, Duration rtt) {
        return round(p, i, -1L, rtt);
    }

    static Round failed(HealthPolicy p, int i) {
        return round(p, i, 0, Duration.ZERO);
    }

    static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    /** A link fed rounds one by one, remembering whether each succeeded and every change (rounds count from 1). */
    static final class Run {
        LinkHealth health;
        int rounds;
        Vector<Boolean> succeeded = Vector.empty();
        Vector<Change> changes = Vector.empty();

        record Change(int round, Event event) {
        }

        Run(HealthPolicy policy) {
            health = LinkHealth.start(policy, T0);
        }

        Option<Event> feed(Round r) {
            Transition t = health.next(r);
            succeeded = succeeded.append(health.policy().succeeded(r));
            rounds++;
            health = t.after();
            t.event().forEach(e -> changes = changes.append(new Change(rounds, e)));
            return t.event();
        }

        Option<Event> ok(Duration rtt) {
            return feed(Rounds.ok(health.policy(), rounds + 1, rtt));
        }

        Option<Event> failed() {
            return feed(Rounds.failed(health.policy(), rounds + 1));
        }

        Option<Event> answered(long mask, Duration rtt) {
            return feed(Rounds.round(health.policy(), rounds + 1, mask, rtt));
        }
    }
}
