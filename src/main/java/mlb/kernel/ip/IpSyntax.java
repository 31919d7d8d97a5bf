package mlb.kernel.ip;

import io.vavr.collection.List;
import io.vavr.control.Either;
import mlb.model.Change;
import mlb.model.KernelObject;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.Rule;

/**
 * Changes as `ip -batch` lines (without the leading `ip`). Every word that comes from an object is checked by
 * {@link Tokens}, so a line carries nothing but the intended arguments. Deletes name mlb's protocol: without it
 * the kernel deletes the first rule or route the other words match, whoever made it.
 */
final class IpSyntax {
    private IpSyntax() {
    }

    static Either<String, List<String>> lines(Change c) {
        return c.match(cr -> create(cr.after()).map(List::of),
                u -> replace(u.after()).map(List::of),
                r -> r.after() instanceof Route
                        ? replace(r.after()).map(List::of)
                        : delete(r.before()).flatMap(d -> create(r.after()).map(a -> List.of(d, a))),
                d -> delete(d.before()).map(List::of));
    }

    private static Either<String, String> create(KernelObject o) {
        return o.match(IpSyntax::notIp,
                n -> nexthop(n).map(w -> "nexthop add " + w),
                g -> Either.right("nexthop add " + group(g, false)),
                r -> route(r).map(w -> "route add " + w),
                r -> rule(r).map(w -> "rule add " + w + " proto " + r.protocol()),
                IpSyntax::notIp);
    }

    private static Either<String, String> replace(KernelObject o) {
        return o.match(IpSyntax::notIp,
                n -> nexthop(n).map(w -> "nexthop replace " + w),
                g -> Either.right("nexthop replace " + group(g, true)),
                r -> route(r).map(w -> "route replace " + w),
                r -> Either.left("a rule cannot be changed in place (a bug: plans replace rules)"),
                IpSyntax::notIp);
    }

    private static Either<String, String> delete(KernelObject o) {
        return o.match(IpSyntax::notIp,
                n -> Either.right("nexthop del id " + n.id()),
                g -> Either.right("nexthop del id " + g.id()),
                r -> selector(r).map(w -> "route del " + w + " proto " + r.protocol()),
                r -> rule(r).map(w -> "rule del " + w + " proto " + r.protocol()),
                IpSyntax::notIp);
    }

    private static Either<String, String> notIp(KernelObject o) {
        return Either.left(o.kind().label() + " is not an iproute2 object (a bug: wrong driver)");
    }

    private static Either<String, String> nexthop(Nexthop n) {
        return Tokens.check(n.gateway(), "gateway").flatMap(gw -> Tokens.check(n.dev(), "device")
                .map(dev -> "id " + n.id() + " via " + gw + " dev " + dev + (n.onlink() ? " onlink" : "") + " proto " + n.protocol()));
    }

    /**
     * A resilient group's timers: `replace` keeps a timer it is not given, so a replace always names both; a new
     * group names them only when they are not the kernel's defaults.
     */
    private static String group(NexthopGroup g, boolean replace) {
        String members = g.members().map(m -> m.id() + "," + m.weight()).mkString("/");
        String type = g.resilient() ? " type resilient buckets " + g.buckets() : "";
        String timers = g.resilient() && (replace || !g.defaultTimers())
                ? " idle_timer " + g.idleTimer() + " unbalanced_timer " + g.unbalancedTimer() : "";
        return "id " + g.id() + " group " + members + type + timers + " proto " + g.protocol();
    }

    private static Either<String, String> route(Route r) {
        Either<String, String> target = r.target().match(
                g -> Tokens.check(g.via(), "gateway").flatMap(v -> Tokens.check(g.dev(), "device")
                        .map(d -> " via " + v + " dev " + d + (g.onlink() ? " onlink" : ""))),
                g -> Either.right(" nhid " + g.nhid()),
                u -> Either.right(""));
        return selector(r).flatMap(s -> target.map(t -> s + t + " proto " + r.protocol()));
    }

    /** The words that name a route to the kernel: type, destination, table, metric. */
    private static Either<String, String> selector(Route r) {
        String type = r.target() instanceof RouteTarget.Unreachable ? "unreachable " : "";
        String metric = r.metric() == 0 ? "" : " metric " + r.metric();
        return Tokens.check(r.dst(), "destination").map(dst -> type + dst + " table " + r.table() + metric);
    }

    private static Either<String, String> rule(Rule r) {
        Either<String, String> from = r.from().map(f -> Tokens.check(f, "rule source").map(w -> " from " + w))
                .getOrElse(Either.right(""));
        Either<String, String> oif = r.oif().map(o -> Tokens.check(o, "rule oif").map(w -> " oif " + w))
                .getOrElse(Either.right(""));
        Either<String, String> to = r.match().to().map(t -> Tokens.check(t, "rule destination").map(w -> " to " + w))
                .getOrElse(Either.right(""));
        String mark = r.fwmark().map(m -> " fwmark " + m.text()).getOrElse("");
        String pin = r.match().protocolText();
        String suppress = r.suppressPrefixLength().map(n -> " suppress_prefixlength " + n).getOrElse("");
        return from.flatMap(f -> oif.flatMap(o -> to.map(t -> {
            String selector = f + t + o + mark + pin;
            return "priority " + r.priority() + (selector.isEmpty() ? " from all" : selector) + action(r) + suppress;
        })));
    }

    private static String action(Rule r) {
        if (r.action() == Rule.Action.BLACKHOLE) return " blackhole";
        return " lookup " + (r.table() == Rule.MAIN_TABLE ? "main" : String.valueOf(r.table()));
    }
}
