package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;

import java.time.Duration;

/** [link.check]: what to probe through a link and how quickly to change its state. */
final class CheckRules {
    private static final String TARGET = "\"192.0.2.53\"";
    private static final String TARGETS = "[" + TARGET + "]";

    private CheckRules() {
    }

    static Validation<List<Diagnostic>, Check> read(Option<Node> node) {
        if (node.isEmpty()) return Validation.valid(Check.none());
        Node t = node.get();
        if (!t.isTable()) {
            return Validation.invalid(List.of(t.problem("expected a table, found " + t.typeName(),
                    "write [link.check] on a line of its own, with targets = " + TARGETS + " below it")));
        }
        Check d = Check.none();
        return Problems.with(Keys.unknown(t, Keys.CHECK), Problems.flat(Validation.combine(
                Problems.one(Fields.required(t, "targets", TARGETS)).flatMap(CheckRules::targets),
                Problems.one(Fields.optional(t, "interval", CheckRules::interval).map(o -> o.getOrElse(d.interval()))),
                Problems.one(Fields.optional(t, "down", n -> Fields.integer(n, "3", 1, 100)).map(o -> o.getOrElse(d.down()))),
                Problems.one(Fields.optional(t, "up", n -> Fields.integer(n, "3", 1, 100)).map(o -> o.getOrElse(d.up())))
        ).ap(Check::new)));
    }

    /** An empty list would probe nothing yet mark the link down: leaving [link.check] out says that better. */
    private static Validation<List<Diagnostic>, List<String>> targets(Node n) {
        return Problems.one(Fields.array(n, "write targets = " + TARGETS)).flatMap(items -> items.isEmpty()
                ? Validation.invalid(List.of(n.problem("at least one target is required",
                "write targets = " + TARGETS + ", or remove [link.check] to not probe this link")))
                : Problems.all(Validation.sequence(items.map(i -> Problems.one(Addresses.address(i, TARGET)))))
                .map(List::ofAll));
    }

    private static Validation<Diagnostic, Duration> interval(Node n) {
        return Fields.string(n, "\"1s\"").flatMap(s -> Durations.parse(s)
                .toValidation(() -> n.problem("not a duration: " + Problems.quote(s),
                        "write a whole number and ms, s or m, e.g. \"500ms\" or \"2s\""))
                .flatMap(d -> d.compareTo(Durations.MIN) >= 0 && d.compareTo(Durations.MAX) <= 0
                        ? Validation.valid(d)
                        : Validation.invalid(n.problem("must be 100ms..60m, found " + Problems.quote(s),
                        "write interval = \"1s\""))));
    }
}
