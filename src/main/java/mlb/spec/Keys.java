package mlb.spec;

import io.vavr.collection.List;

/** The keys valid in each table of a spec, in the order the reference writes them. */
final class Keys {
    static final List<String> TOP = List.of("balancer", "link", "monitor", "hook", "pin");
    static final List<String> BALANCER = List.of("mode", "hash", "priority_base", "protocol", "table_base",
            "last_resort", "idle_timer", "unbalanced_timer").appendAll(ConnmarkRules.KEYS);
    static final List<String> LINK = List.of("name", "dev", "gateway", "onlink", "weight", "bandwidth", "table",
            "source", "route", "check", "nat", "mark");
    static final List<String> ROUTE = List.of("to");
    static final List<String> CHECK = List.of("method", "targets", "port", "path", "expect", "host", "name",
            "record", "reliability", "interval", "timeout", "down", "up", "max_loss", "max_rtt", "window");
    static final List<String> MONITOR = List.of("conntrack_grace");
    static final List<String> HOOK = List.of("argv", "events", "links", "timeout");

    private Keys() {
    }

    /** One diagnostic per key of table not in valid, each pointing at the key and naming the likely intended one. */
    static List<Diagnostic> unknown(Node table, List<String> valid) {
        return table.table().toList()
                .filter(entry -> !valid.contains(entry._1))
                .map(entry -> entry._2.keyProblem(Code.UNKNOWN_KEY,
                        Suggest.closest(entry._1, valid).map(s -> "unknown key (did you mean \"" + s + "\"?)")
                                .getOrElse("unknown key"),
                        "valid keys here: " + valid.mkString(", ")));
    }
}
