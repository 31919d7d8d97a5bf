package mlb.plan;

import mlb.model.KernelObject;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.Route;
import mlb.model.Rule;
import mlb.model.Sysctl;

/**
 * The one-line human description of an object, as plans, drift and diffs show it. It reads like iproute2 on
 * purpose (people know that syntax), but it is a view: what a driver sends to its tool is rendered by the driver.
 */
public final class Describe {
    private Describe() {
    }

    public static String of(KernelObject o) {
        return o.match(Describe::sysctl, Describe::nexthop, Describe::group, Describe::route, Describe::rule,
                NftDescribe::of);
    }

    private static String sysctl(Sysctl s) {
        return s.name() + " = " + s.value();
    }

    private static String nexthop(Nexthop n) {
        return "id " + n.id() + via(n.gateway()) + " dev " + n.dev() + (n.onlink() ? " onlink" : "");
    }

    private static String via(String gateway) {
        return gateway.equals(Nexthop.NO_GATEWAY) ? "" : " via " + gateway;
    }

    private static String group(NexthopGroup g) {
        String members = g.members().map(m -> m.id() + "," + m.weight()).mkString("/");
        String timers = g.defaultTimers() ? "" : " idle_timer " + g.idleTimer() + " unbalanced_timer " + g.unbalancedTimer();
        return "id " + g.id() + " group " + members + (g.resilient() ? " type resilient buckets " + g.buckets() : "") + timers;
    }

    private static String route(Route r) {
        String where = r.dst() + " table " + r.table() + (r.metric() == 0 ? "" : " metric " + r.metric());
        return r.target().match(g -> where + via(g.via()) + " dev " + g.dev() + (g.onlink() ? " onlink" : ""),
                g -> where + " nhid " + g.nhid(),
                u -> "unreachable " + where);
    }

    private static String rule(Rule r) {
        StringBuilder s = new StringBuilder("priority ").append(r.priority());
        r.from().forEach(f -> s.append(" from ").append(f));
        r.oif().forEach(o -> s.append(" oif ").append(o));
        r.fwmark().forEach(m -> s.append(" fwmark ").append(m.text()));
        s.append(r.match().text());
        if (r.from().isEmpty() && r.oif().isEmpty() && r.fwmark().isEmpty() && r.match().equals(Rule.Match.ANY)) {
            s.append(" from all");
        }
        if (r.action() == Rule.Action.BLACKHOLE) s.append(" blackhole");
        else s.append(" lookup ").append(r.table() == Rule.MAIN_TABLE ? "main" : String.valueOf(r.table()));
        r.suppressPrefixLength().forEach(n -> s.append(" suppress_prefixlength ").append(n));
        return s.toString();
    }
}
