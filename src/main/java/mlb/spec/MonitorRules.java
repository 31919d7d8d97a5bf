package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;

import java.time.Duration;

/** The [monitor] table and the [[hook]] tables, which the monitor runs. */
final class MonitorRules {
    private MonitorRules() {
    }

    static Validation<List<Diagnostic>, Monitor> read(Option<Node> monitor, Option<Node> hooks,
                                                      Option<List<String>> linkNames) {
        Validation<List<Diagnostic>, Duration> grace = conntrackGrace(monitor);
        Validation<List<Diagnostic>, List<Hook>> hookList = HookRules.read(hooks, linkNames);
        return Problems.flat(Validation.combine(grace, hookList).ap(Monitor::new));
    }

    private static Validation<List<Diagnostic>, Duration> conntrackGrace(Option<Node> node) {
        if (node.isEmpty()) return Validation.valid(Monitor.DEFAULT_CONNTRACK_GRACE);
        Node t = node.get();
        if (!t.isTable()) {
            return Validation.invalid(List.of(t.problem(Code.WRONG_TYPE, "expected a table, found " + t.typeName(),
                    "write [monitor] on a line of its own, then its keys below it")));
        }
        return Problems.with(Keys.unknown(t, Keys.MONITOR), Problems.one(Fields.optional(t, "conntrack_grace",
                        n -> Durations.read(n, "\"20s\"", Duration.ZERO, Monitor.MAX_CONNTRACK_GRACE))
                .map(o -> o.getOrElse(Monitor.DEFAULT_CONNTRACK_GRACE))));
    }
}
