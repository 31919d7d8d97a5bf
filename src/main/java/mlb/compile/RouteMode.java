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
import mlb.spec.Pin;

/**
 * Per-flow balancing with routes: each link gets a table with its default route, replies leave by the link
 * they came in on (rules `from ADDR` and `oif DEV`), and everything else goes to a balancing table whose
 * default route uses a weighted nexthop group. `lookup main suppress_prefixlength 0` comes first so main's
 * specific routes (LAN, connected nets) win while its default route loses.
 */
final class RouteMode {
    static final String HASH_POLICY = "net.ipv4.fib_multipath_hash_policy";
    static final String HASH_FIELDS = "net.ipv4.fib_multipath_hash_fields";
    private static final String DEFAULT = "default";

    private RouteMode() {
    }

    /**
     * balancing: the links that carry balanced traffic (all of them unless the monitor took some out). None left
     * means every link is down: with last_resort "keep" the group keeps them all (the probe targets may be what
     * failed); with "main" the balancing table gives way to main; with "unreachable" its unreachable route answers.
     */
    static List<KernelObject> objects(Layout layout, List<Link> links, Facts facts, List<String> sources,
                                      List<Link> balancing, List<Pin> pins) {
        // A builder, not List.append: pins can number hundreds of thousands and List.append is O(n).
        java.util.List<KernelObject> out = new java.util.ArrayList<>();
        linkTables(layout, links, sources, true, out);
        for (Link link : links) pins(layout, link, out);
        RoutePins.objects(layout, pins, members(layout, links, balancing), out);
        balancing(layout, links, facts, balancing, out);
        return List.ofAll(out);
    }

    /**
     * main's specific routes first, then each link's table with its default route, and the rules that send
     * replies back by the link they came in on (from its address, out of its device). nexthops: also each
     * link's nexthop, for a balancing group.
     */
    static void linkTables(Layout layout, List<Link> links, List<String> sources, boolean nexthops,
                           java.util.List<KernelObject> out) {
        out.add(new Rule(layout.suppressMainPriority(), Option.none(), Option.none(), Option.none(),
                Rule.MAIN_TABLE, Option.some(0), layout.balancer().protocol()));
        for (int i = 0; i < links.size(); i++) link(layout, links.get(i), sources.get(i), nexthops, out);
    }

    /** The balancing table: a default route over the weighted group of the members, and its rule. */
    static void balancing(Layout layout, List<Link> links, Facts facts, List<Link> balancing,
                          java.util.List<KernelObject> out) {
        Balancer b = layout.balancer();
        int p = b.protocol();
        List<Link> members = members(layout, links, balancing);
        out.add(new Sysctl(HASH_POLICY, switch (b.hash()) {
            case L3 -> "0";
            case L4 -> "1";
            case SOURCE -> "3";
        }));
        // the custom policy (3) hashes the fields named here: 1 is the source address alone
        if (b.hash() == Balancer.Hash.SOURCE) out.add(new Sysctl(HASH_FIELDS, "1"));
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
    }

    /** With every link out, "keep" balances over all of them still (the probe targets may be what failed). */
    static List<Link> members(Layout layout, List<Link> links, List<Link> balancing) {
        boolean keep = layout.balancer().lastResort() == Balancer.LastResort.KEEP;
        return balancing.isEmpty() && keep ? links : balancing;
    }

    private static void link(Layout layout, Link link, String source, boolean nexthop, java.util.List<KernelObject> out) {
        int p = layout.balancer().protocol();
        int table = layout.table(link);
        if (nexthop) out.add(new Nexthop(layout.nexthopId(link), link.gateway(), link.dev(), link.onlink(), p));
        out.add(new Route(table, DEFAULT, 0, via(link), p));
        out.add(new Rule(layout.fromPriority(), Option.some(source), Option.none(), Option.none(), table, Option.none(), p));
        out.add(new Rule(layout.oifPriority(), Option.none(), Option.some(link.dev()), Option.none(), table, Option.none(), p));
    }

    /** The spec parser rejects a destination pinned twice, on one link or two. */
    private static void pins(Layout layout, Link link, java.util.List<KernelObject> out) {
        int p = layout.balancer().protocol();
        for (String to : link.routes()) out.add(new Route(layout.balanceTable(), Prefixes.kernelForm(to), 0, via(link), p));
    }

    private static RouteTarget via(Link link) {
        return new RouteTarget.Gateway(link.gateway(), link.dev(), link.onlink());
    }

    private static NexthopGroup group(Layout layout, List<Link> links, boolean resilient) {
        Balancer b = layout.balancer();
        List<NexthopGroup.Member> members = links.map(l -> new NexthopGroup.Member(layout.nexthopId(l), l.weight()));
        return new NexthopGroup(layout.groupId(resilient), members, resilient, resilient ? Layout.RESILIENT_BUCKETS : 0,
                (int) b.idleTimer().toSeconds(), (int) b.unbalancedTimer().toSeconds(), b.protocol());
    }
}
