package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.spec.Check.Quality;

import java.time.Duration;

/**
 * The durations of [link.check] that depend on each other: timeout below interval, max_rtt below timeout.
 * A comparison only speaks when both sides are valid on their own, and names both values.
 */
final class Timing {
    private Timing() {
    }

    static Validation<Diagnostic, Duration> timeout(Node t, Validation<Diagnostic, Duration> interval) {
        Duration every = interval.getOrElse(Check.DEFAULT_INTERVAL);
        String example = "\"" + Durations.format(below(every, Check.DEFAULT_TIMEOUT)) + "\"";
        Validation<Diagnostic, Duration> timeout = Fields.optional(t, "timeout", n -> atLeast(n, example, Check.MIN_TIMEOUT))
                .map(o -> o.getOrElse(Check.DEFAULT_TIMEOUT));
        if (timeout.isInvalid() || interval.isInvalid() || timeout.get().compareTo(every) < 0) return timeout;
        Option<Node> given = t.get("timeout");
        if (given.isDefined()) {
            return Validation.invalid(given.get().problem(Code.CONFLICT, "must be shorter than interval " + shown(t, "interval", every)
                            + ", found " + Problems.quote((String) given.get().value()),
                    "write timeout = " + example + ", or a longer interval"));
        }
        return Validation.invalid(t.get("interval").get().problem(Code.CONFLICT, "must be longer than timeout "
                        + shown(t, "timeout", Check.DEFAULT_TIMEOUT) + ", found " + shown(t, "interval", every),
                "write timeout = " + example + " as well, or interval = \""
                        + Durations.format(Check.DEFAULT_INTERVAL) + "\""));
    }

    /** Thresholds over a window of rounds; a window alone would do nothing, so it is refused. */
    static Validation<List<Diagnostic>, Option<Quality>> quality(Node t, Validation<Diagnostic, Duration> timeout) {
        Option<Node> window = t.get("window");
        if (t.get("max_loss").isEmpty() && t.get("max_rtt").isEmpty()) {
            return window.map(w -> Validation.<List<Diagnostic>, Option<Quality>>invalid(List.of(w.keyProblem(Code.NOT_HERE,
                            "window does nothing without max_loss or max_rtt",
                            "add max_loss = 10 or max_rtt = \"150ms\", or remove window"))))
                    .getOrElse(Validation.valid(Option.none()));
        }
        Duration limit = timeout.getOrElse(Check.DEFAULT_TIMEOUT);
        return Problems.all(Validation.combine(
                Fields.optional(t, "max_loss", n -> Fields.integer(n, "10", 1, 99)),
                Fields.optional(t, "max_rtt", n -> maxRtt(t, n, timeout.isValid() ? Option.some(limit) : Option.none())),
                Fields.optional(t, "window", n -> Fields.integer(n, String.valueOf(Quality.DEFAULT_WINDOW),
                        Quality.MIN_WINDOW, Quality.MAX_WINDOW)).map(o -> o.getOrElse(Quality.DEFAULT_WINDOW))
        ).ap(Quality::new)).map(Option::some);
    }

    private static Validation<Diagnostic, Duration> maxRtt(Node t, Node n, Option<Duration> timeout) {
        String example = "\"" + Durations.format(below(timeout.getOrElse(Check.DEFAULT_TIMEOUT),
                Duration.ofMillis(150))) + "\"";
        return atLeast(n, example, Quality.MIN_RTT).flatMap(rtt -> timeout.filter(limit -> rtt.compareTo(limit) >= 0)
                .map(limit -> Validation.<Diagnostic, Duration>invalid(n.problem(Code.CONFLICT, "must be shorter than timeout "
                                + shown(t, "timeout", limit) + ", found " + Problems.quote((String) n.value()),
                        "a probe slower than the timeout is lost already: write max_rtt = " + example)))
                .getOrElse(Validation.valid(rtt)));
    }

    private static Validation<Diagnostic, Duration> atLeast(Node n, String example, Duration min) {
        return Fields.string(n, example).flatMap(s -> Durations.parse(s)
                .toValidation(() -> n.problem(Code.BAD_VALUE, "not a duration: " + Problems.quote(s), Durations.SYNTAX))
                .flatMap(d -> d.compareTo(min) >= 0 ? Validation.valid(d)
                        : Validation.invalid(n.problem(Code.OUT_OF_RANGE, "must be at least " + Durations.format(min) + ", found "
                        + Problems.quote(s), "write " + n.name() + " = " + example))));
    }

    /** preferred, or half of limit when preferred does not fit below it: what a hint proposes. */
    private static Duration below(Duration limit, Duration preferred) {
        return preferred.compareTo(limit) < 0 ? preferred : Duration.ofMillis(Math.max(1, limit.toMillis() / 2));
    }

    /** A key's value as the user wrote it, or the default with a word saying so. */
    private static String shown(Node t, String key, Duration fallback) {
        return t.get(key).map(Node::value).filter(String.class::isInstance).map(v -> Problems.quote((String) v))
                .getOrElse(() -> "\"" + Durations.format(fallback) + "\" (the default)");
    }
}
