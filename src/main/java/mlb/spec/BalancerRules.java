package mlb.spec;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.spec.Balancer.Hash;
import mlb.spec.Balancer.LastResort;
import mlb.spec.Balancer.Mode;

import java.math.BigInteger;
import java.time.Duration;

/** The [balancer] table: every key optional, defaults from Balancer.defaults(). */
final class BalancerRules {
    /** Rule priorities the kernel keeps for itself: local (0), main (32766), default (32767). */
    static final int LOWEST_PRIORITY = 1, HIGHEST_PRIORITY = 32765;
    /** 0..4 are the kernel's; from 5 on, only the names in RouteProtocols are taken. */
    private static final int LOWEST_FREE_PROTOCOL = 5;
    private static final String PROTOCOL_HINT = "use protocol = " + Balancer.DEFAULT_PROTOCOL
            + ", or another number from 5 to 255 that no routing daemon on this host uses";

    private BalancerRules() {
    }

    static Validation<List<Diagnostic>, Balancer> read(Option<Node> node) {
        if (node.isEmpty()) return Validation.valid(Balancer.defaults());
        Node t = node.get();
        if (!t.isTable()) return Validation.invalid(List.of(t.problem(Code.WRONG_TYPE, "expected a table, found " + t.typeName(),
                "write [balancer] on a line of its own, then its keys below it")));
        Balancer d = Balancer.defaults();
        List<Diagnostic> unknown = Keys.unknown(t, Keys.BALANCER);
        Validation<Seq<Diagnostic>, Balancer> balancer = Validation.combine(
                        Fields.optional(t, "mode", BalancerRules::mode).map(o -> o.getOrElse(d.mode())),
                        Fields.optional(t, "hash", BalancerRules::hash).map(o -> o.getOrElse(d.hash())),
                        Fields.optional(t, "priority_base", BalancerRules::priorityBase).map(o -> o.getOrElse(d.priorityBase())),
                        Fields.optional(t, "protocol", BalancerRules::protocol).map(o -> o.getOrElse(d.protocol())),
                        tableBase(node),
                        Fields.optional(t, "last_resort", BalancerRules::lastResort).map(o -> o.getOrElse(d.lastResort())),
                        Fields.optional(t, "idle_timer", n -> timer(n, "\"120s\"")).map(o -> o.getOrElse(d.idleTimer())),
                        Fields.optional(t, "unbalanced_timer", n -> timer(n, "\"0s\""))
                                .map(o -> o.getOrElse(d.unbalancedTimer())))
                .ap(Balancer::new);
        Validation<List<Diagnostic>, Connmark> connmark = ConnmarkRules.read(t);
        boolean route = Fields.optional(t, "mode", BalancerRules::mode).map(o -> o.contains(Mode.CONNMARK))
                .fold(e -> false, isConnmark -> !isConnmark);
        List<Diagnostic> outOfMode = route ? ConnmarkRules.outOfMode(t) : List.empty();
        return Problems.with(unknown.appendAll(outOfMode).appendAll(Problems.of(connmark)),
                Problems.all(balancer)).map(b -> b.with(connmark.getOrElse(Connmark.defaults())));
    }

    /** table_base on its own, since the link rules need it even when other [balancer] keys are wrong. */
    static Validation<Diagnostic, Integer> tableBase(Option<Node> balancer) {
        return balancer.filter(Node::isTable)
                .map(t -> Fields.optional(t, "table_base", n -> Tables.table(n, "200")))
                .getOrElse(Validation.valid(Option.none()))
                .map(o -> o.getOrElse(Balancer.DEFAULT_TABLE_BASE));
    }

    private static Validation<Diagnostic, Mode> mode(Node n) {
        return Fields.oneOf(n, List.of("route", "connmark"), "\"route\"")
                .map(s -> s.equals("route") ? Mode.ROUTE : Mode.CONNMARK);
    }

    private static Validation<Diagnostic, Hash> hash(Node n) {
        return Fields.oneOf(n, List.of("l4", "l3", "source"), "\"l4\"")
                .map(s -> s.equals("l4") ? Hash.L4 : s.equals("l3") ? Hash.L3 : Hash.SOURCE);
    }

    private static Validation<Diagnostic, LastResort> lastResort(Node n) {
        return Fields.oneOf(n, List.of("keep", "main", "unreachable"), "\"keep\"")
                .map(s -> LastResort.valueOf(s.toUpperCase(java.util.Locale.ROOT)));
    }

    private static Validation<Diagnostic, Duration> timer(Node n, String example) {
        return Durations.seconds(n, example, Duration.ZERO, Balancer.MAX_TIMER);
    }

    private static Validation<Diagnostic, Integer> priorityBase(Node n) {
        return Fields.integer(n, "10000").flatMap(base -> {
            BigInteger last = base.add(BigInteger.valueOf(Balancer.PRIORITY_SPAN - 1));
            if (Fields.within(base, LOWEST_PRIORITY, HIGHEST_PRIORITY - Balancer.PRIORITY_SPAN + 1)) {
                return Validation.valid(base.intValue());
            }
            return Validation.invalid(n.problem(Code.OUT_OF_RANGE,
                    "owned rule priorities " + base + ".." + last + " must lie within "
                            + LOWEST_PRIORITY + ".." + HIGHEST_PRIORITY,
                    "use priority_base = " + Balancer.DEFAULT_PRIORITY_BASE
                            + "; 0, 32766 and 32767 are the kernel's local, main and default rules"));
        });
    }

    private static Validation<Diagnostic, Integer> protocol(Node n) {
        return Fields.integer(n, "250").flatMap(p -> {
            if (!Fields.within(p, 0, 255)) {
                return Validation.invalid(n.problem(Code.OUT_OF_RANGE, "must be " + LOWEST_FREE_PROTOCOL + "..255, found " + p,
                        PROTOCOL_HINT));
            }
            return RouteProtocols.named(p.intValue())
                    .map(named -> Validation.<Diagnostic, Integer>invalid(n.problem(Code.BAD_VALUE, named.why(), PROTOCOL_HINT)))
                    .getOrElse(() -> Validation.valid(p.intValue()));
        });
    }
}
