package mlb.model;

import java.util.function.Function;

/**
 * A route in a table mlb owns. Its identity is table + destination + metric (tos is always 0 for mlb);
 * a change of target is an in-place replace.
 */
public record Route(int table, String dst, long metric, RouteTarget target, int protocol) implements KernelObject {
    public Route {
        if (dst.isEmpty()) throw new IllegalArgumentException("route needs a destination");
        if (table <= 0) throw new IllegalArgumentException("table must be positive: " + table);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.route(table, dst, metric);
    }

    @Override
    public <R> R match(Function<Sysctl, R> sysctl, Function<Nexthop, R> nexthop, Function<NexthopGroup, R> group,
                       Function<Route, R> route, Function<Rule, R> rule, Function<NftObject, R> nft) {
        return route.apply(this);
    }
}
