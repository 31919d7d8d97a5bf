package mlb.plan;

import io.vavr.collection.List;
import mlb.model.KernelObject;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.Rule;
import mlb.model.Sysctl;

/**
 * Renders a plan into kernel writes, in plan order. Every word comes from a model object whose constructor
 * checked it (see mlb.model.Tokens), so lines cannot carry anything but the intended arguments.
 */
public final class Commands {
    private Commands() {
    }

    public static List<Command> render(Plan plan) {
        return plan.changes().flatMap(Commands::render);
    }

    static List<Command> render(Change c) {
        if (c instanceof Change.Create cr) return List.of(create(cr.after()));
        if (c instanceof Change.Delete d) return List.of(delete(d.before()));
        if (c instanceof Change.Update u) return List.of(update(u.after()));
        Change.Replace r = (Change.Replace) c;
        if (r.after() instanceof Route) return List.of(update(r.after()));
        return List.of(delete(r.before()), create(r.after()));
    }

    private static Command create(KernelObject o) {
        if (o instanceof Sysctl s) return new Command.SysctlWrite(s);
        if (o instanceof Nexthop n) return ip("nexthop add " + nexthop(n));
        if (o instanceof NexthopGroup g) return ip("nexthop add " + group(g));
        if (o instanceof Route r) return ip("route add " + route(r));
        Rule rule = (Rule) o;
        return ip("rule add " + rule.describe() + " proto " + rule.protocol());
    }

    private static Command update(KernelObject o) {
        if (o instanceof Sysctl s) return new Command.SysctlWrite(s);
        if (o instanceof Nexthop n) return ip("nexthop replace " + nexthop(n));
        if (o instanceof NexthopGroup g) return ip("nexthop replace " + group(g));
        if (o instanceof Route r) return ip("route replace " + route(r));
        throw new IllegalArgumentException("no in-place update for " + o.kind());
    }

    private static Command delete(KernelObject o) {
        if (o instanceof Nexthop n) return ip("nexthop del id " + n.id());
        if (o instanceof NexthopGroup g) return ip("nexthop del id " + g.id());
        // Without proto the kernel deletes the first rule or route the other words match, whoever made it.
        if (o instanceof Route r) return ip("route del " + typed(r) + r.selector() + " proto " + r.protocol());
        if (o instanceof Rule rule) return ip("rule del " + rule.describe() + " proto " + rule.protocol());
        throw new IllegalArgumentException("sysctls are never deleted");
    }

    private static String nexthop(Nexthop n) {
        return "id " + n.id() + " via " + n.gateway() + " dev " + n.dev() + " proto " + n.protocol();
    }

    private static String group(NexthopGroup g) {
        return g.describe() + " proto " + g.protocol();
    }

    private static String route(Route r) {
        String target = r.target() instanceof RouteTarget.Unreachable ? "" : " " + r.target().words();
        return typed(r) + r.selector() + target + " proto " + r.protocol();
    }

    private static String typed(Route r) {
        return r.target() instanceof RouteTarget.Unreachable ? "unreachable " : "";
    }

    private static Command ip(String line) {
        return new Command.IpLine(line);
    }
}
