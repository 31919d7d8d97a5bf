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

    static List<KernelObject> objects(Layout layout, List<Link> links, Facts facts, List<String> sources) {
        Balancer b = layout.balancer();
        int p = b.protocol();
        List<KernelObject> out = List.of(new Sysctl(HASH_POLICY, b.hash() == Balancer.Hash.L4 ? "1" : "0"));
        out = out.append(new Rule(layout.suppressMainPriority(), Option.none(), Option.none(), Option.none(),
                Layout.MAIN_TABLE, Option.some(0), p));
        out = out.append(new Rule(layout.balancePriority(), Option.none(), Option.none(), Option.none(),
                layout.balanceTable(), Option.none(), p));
        for (int i = 0; i < links.size(); i++) out = out.appendAll(link(layout, links.get(i), sources.get(i)));
        out = out.append(group(layout, links, facts.resilientGroups()));
        int groupId = layout.groupId(facts.resilientGroups());
        out = out.append(new Route(layout.balanceTable(), DEFAULT, 0, new RouteTarget.Group(groupId), p));
        if (b.lastResort() == Balancer.LastResort.UNREACHABLE) {
            out = out.append(new Route(layout.balanceTable(), DEFAULT, Layout.LAST_RESORT_METRIC,
                    new RouteTarget.Unreachable(), p));
        }
        return out;
    }

    private static List<KernelObject> link(Layout layout, Link link, String source) {
        int p = layout.balancer().protocol();
        int table = layout.table(link);
        RouteTarget via = new RouteTarget.Gateway(link.gateway(), link.dev());
        List<KernelObject> out = List.of(
                new Nexthop(layout.nexthopId(link), link.gateway(), link.dev(), p),
                new Route(table, DEFAULT, 0, via, p),
                new Rule(layout.fromPriority(), Option.some(source), Option.none(), Option.none(), table, Option.none(), p),
                new Rule(layout.oifPriority(), Option.none(), Option.some(link.dev()), Option.none(), table, Option.none(), p));
        for (String to : link.routes()) out = out.append(new Route(layout.balanceTable(), Prefixes.kernelForm(to), 0, via, p));
        return out;
    }

    private static NexthopGroup group(Layout layout, List<Link> links, boolean resilient) {
        List<NexthopGroup.Member> members = links.map(l -> new NexthopGroup.Member(layout.nexthopId(l), l.weight()));
        return new NexthopGroup(layout.groupId(resilient), members, resilient,
                resilient ? Layout.RESILIENT_BUCKETS : 0, layout.balancer().protocol());
    }
}
