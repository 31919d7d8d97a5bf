package mlb.compile;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.KernelObject;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.Rule;
import mlb.model.Sysctl;
import mlb.spec.Balancer;
import mlb.spec.Link;

/**
 * Per-flow balancing with routes: each link gets a table with its default route, replies leave by the link
 * they came in on (rules `from ADDR` and `oif DEV`), and everything else goes to a balancing table whose
 * default route uses a weighted nexthop group. `lookup main suppress_prefixlength 0` comes first so main's
 * specific routes (LAN, connected nets) win while its default route loses.
 */
final class RouteMode {
    static final String HASH_POLICY = "net.ipv4.fib_multipath_hash_policy";
    private static final String DEFAULT = "default";

    private RouteMode() {
    }

    /**
     * balancing: the links that carry balanced traffic (all of them unless the monitor took some out). None left
     * means every link is down: with last_resort "keep" the group keeps them all (the probe targets may be what
     * failed); with "main" the balancing table gives way to main; with "unreachable" its unreachable route answers.
     */
    static List<KernelObject> objects(Layout layout, List<Link> links, Facts facts, List<String> sources,
                                      List<Link> balancing) {
        Balancer b = layout.balancer();
        int p = b.protocol();
        List<Link> members = balancing.isEmpty() && b.lastResort() == Balancer.LastResort.KEEP ? links : balancing;
        // A builder, not List.append: pins can number hundreds of thousands and List.append is O(n).
        java.util.List<KernelObject> out = new java.util.ArrayList<>();
        out.add(new Sysctl(HASH_POLICY, b.hash() == Balancer.Hash.L4 ? "1" : "0"));
        out.add(new Rule(layout.suppressMainPriority(), Option.none(), Option.none(), Option.none(),
                Rule.MAIN_TABLE, Option.some(0), p));
        for (int i = 0; i < links.size(); i++) link(layout, links.get(i), sources.get(i), out);
        if (!members.isEmpty()) {
            out.add(group(layout, members, facts.resilientGroups()));
            out.add(new Route(layout.balanceTable(), DEFAULT, 0, new RouteTarget.Group(layout.groupId(facts.resilientGroups())), p));
        }
        if (b.lastResort() == Balancer.LastResort.UNREACHABLE) {
            out.add(new Route(layout.balanceTable(), DEFAULT, Layout.LAST_RESORT_METRIC,
                    new RouteTarget.Unreachable(), p));
        }
        // No rule points at an empty table: with every link down and last_resort "main", lookups go on to main.
        if (out.stream().anyMatch(o -> o instanceof Route r && r.table() == layout.balanceTable())) {
            out.add(new Rule(layout.balancePriority(), Option.none(), Option.none(), Option.none(),
                    layout.balanceTable(), Option.none(), p));
        }
        return List.ofAll(out);
    }

    private static void link(Layout layout, Link link, String source, java.util.List<KernelObject> out) {
        int p = layout.balancer().protocol();
        int table = layout.table(link);
        RouteTarget via = new RouteTarget.Gateway(link.gateway(), link.dev(), link.onlink());
        out.add(new Nexthop(layout.nexthopId(link), link.gateway(), link.dev(), link.onlink(), p));
        out.add(new Route(table, DEFAULT, 0, via, p));
        out.add(new Rule(layout.fromPriority(), Option.some(source), Option.none(), Option.none(), table, Option.none(), p));
        out.add(new Rule(layout.oifPriority(), Option.none(), Option.some(link.dev()), Option.none(), table, Option.none(), p));
        // The spec parser rejects a destination pinned twice, on one link or two.
        for (String to : link.routes()) out.add(new Route(layout.balanceTable(), Prefixes.kernelForm(to), 0, via, p));
    }

    private static NexthopGroup group(Layout layout, List<Link> links, boolean resilient) {
        Balancer b = layout.balancer();
        List<NexthopGroup.Member> members = links.map(l -> new NexthopGroup.Member(layout.nexthopId(l), l.weight()));
        return new NexthopGroup(layout.groupId(resilient), members, resilient, resilient ? Layout.RESILIENT_BUCKETS : 0,
                (int) b.idleTimer().toSeconds(), (int) b.unbalancedTimer().toSeconds(), b.protocol());
    }
}
