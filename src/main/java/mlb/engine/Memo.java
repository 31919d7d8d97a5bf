package mlb.engine;

import io.vavr.control.Option;
import mlb.compile.Facts;
import mlb.model.Scope;
import mlb.spec.Spec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the monitor's frequent changes reuse from one to the next, so a verdict reaches the kernel in tens of
 * milliseconds: the devices' facts for a while (an address that changed is seen within that), and the scope the
 * last change was planned with (the history is read once, for the first).
 */
final class Memo {
    private static final Duration FACTS_FOR = Duration.ofSeconds(30);
    private final Clock clock;
    private Option<Facts> facts = Option.none();
    private String factsOf = "";
    private Instant factsAt = Instant.EPOCH;
    private Option<Scope> scope = Option.none();

    Memo(Clock clock) {
        this.clock = clock;
    }

    synchronized Facts facts(Spec spec, Reconciler reconciler) {
        Instant now = clock.instant();
        if (facts.isEmpty() || !factsOf.equals(spec.source()) || Duration.between(factsAt, now).compareTo(FACTS_FOR) > 0) {
            facts = Option.some(reconciler.facts(spec));
            factsOf = spec.source();
            factsAt = now;
        }
        return facts.get();
    }

    synchronized Option<Scope> scope() {
        return scope;
    }

    synchronized void planned(Scope s) {
        scope = Option.some(s);
    }
}
