package mlb.history;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import mlb.kernel.Kernel;
import mlb.model.Foreign;
import mlb.model.KernelObject;
import mlb.model.NetState;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.Observed;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.Rule;
import mlb.model.Sysctl;
import mlb.plan.Command;

import java.util.HashMap;
import java.util.Map;

/**
 * An in-memory kernel: it interprets the lines mlb renders (`ip nexthop|route|rule add|replace|del ...`,
 * sysctl writes) into a NetState, and refuses what the real one refuses (adding what exists, deleting what
 * does not), so tests without root still see whether the commands mean what the plan says.
 */
final class FakeKernel implements Kernel {
    private NetState state = NetState.empty();
    private final Map<String, String> devices;

    FakeKernel(Map<String, String> devices) {
        this.devices = devices;
    }

    NetState state() {
        return state;
    }

    @Override
    public Observed read(int protocol, Set<Integer> tables, Set<String> sysctls) {
        NetState owned = NetState.of(List.ofAll(state.all()).filter(o -> protocolOf(o) == protocol));
        for (String name : sysctls) {
            Sysctl unset = new Sysctl(name, "0");
            owned = owned.with(state.get(unset.key()).getOrElse(unset));
        }
        return new Observed(owned, Foreign.none());
    }

    @Override
    public Option<String> ipv4Address(String dev) {
        return Option.of(devices.get(dev));
    }

    @Override
    public boolean hasDevice(String dev) {
        return devices.containsKey(dev);
    }

    @Override
    public boolean supportsResilientGroups() {
        return true;
    }

    @Override
    public WriteResult write(List<Command> commands) {
        for (int i = 0; i < commands.size(); i++) {
            Option<String> failed = apply(commands.get(i));
            if (failed.isDefined()) return new WriteResult(i + 1, Option.some(commands.get(i).text() + ": " + failed.get()));
        }
        return new WriteResult(commands.size(), Option.none());
    }

    /** A manual change, as `ip LINE` would make it; the result says why the kernel refused, if it did. */
    Option<String> ip(String line) {
        return apply(new Command.IpLine(line));
    }

    private Option<String> apply(Command c) {
        if (c instanceof Command.SysctlWrite s) {
            state = state.with(s.sysctl());
            return Option.none();
        }
        List<String> w = List.of(((Command.IpLine) c).line().split(" "));
        String verb = w.get(1);
        KernelObject o = parse(w.get(0), w.drop(2));
        if (o instanceof Nexthop n && verb.equals("del")) o = byId(n);
        boolean exists = state.get(o.key()).isDefined();
        if (verb.equals("add") && exists) return Option.some("File exists");
        if (verb.equals("del") && !exists) return Option.some("No such object");
        if (verb.equals("del")) {
            state = state.without(o.key());
            if (o instanceof NexthopGroup g) dropRoutesVia(g.id());
        } else {
            state = state.with(o);
        }
        return Option.none();
    }

    /** `nexthop del id N` names a nexthop or a group alike. */
    private KernelObject byId(Nexthop n) {
        return state.all(NexthopGroup.class).find(g -> g.id() == n.id()).map(g -> (KernelObject) g).getOrElse(n);
    }

    /** The kernel drops every route through a nexthop (group) that goes away. */
    private void dropRoutesVia(int id) {
        for (Route r : state.all(Route.class)) {
            if (r.target() instanceof RouteTarget.Group g && g.nhid() == id) state = state.without(r.key());
        }
    }

    private static KernelObject parse(String object, List<String> args) {
        Map<String, String> kv = new HashMap<>();
        List<String> rest = args;
        boolean unreachable = false;
        String dst = null;
        if (object.equals("route")) {
            if (rest.head().equals("unreachable")) {
                unreachable = true;
                rest = rest.tail();
            }
            dst = rest.head();
            rest = rest.tail();
        }
        for (List<String> r = rest; !r.isEmpty(); r = r.drop(2)) kv.put(r.head(), r.tail().headOption().getOrElse(""));
        int proto = Integer.parseInt(kv.getOrDefault("proto", "0"));
        return switch (object) {
            case "nexthop" -> nexthop(kv, proto);
            case "route" -> new Route(Integer.parseInt(kv.get("table")), dst, Long.parseLong(kv.getOrDefault("metric", "0")),
                    routeTarget(kv, unreachable), proto);
            case "rule" -> rule(kv, proto);
            default -> throw new IllegalArgumentException("the fake kernel does not know ip " + object);
        };
    }

    /** A delete names no target; any will do, since a route's identity does not include it. */
    private static RouteTarget routeTarget(Map<String, String> kv, boolean unreachable) {
        if (kv.containsKey("nhid")) return new RouteTarget.Group(Integer.parseInt(kv.get("nhid")));
        if (kv.containsKey("via") && !unreachable) return new RouteTarget.Gateway(kv.get("via"), kv.get("dev"));
        return new RouteTarget.Unreachable();
    }

    private static KernelObject nexthop(Map<String, String> kv, int proto) {
        int id = Integer.parseInt(kv.get("id"));
        if (!kv.containsKey("group")) {
            return kv.containsKey("via") ? new Nexthop(id, kv.get("via"), kv.get("dev"), proto) : new Nexthop(id, "0.0.0.0", "none", proto);
        }
        List<NexthopGroup.Member> members = List.of(kv.get("group").split("/")).map(m -> m.split(","))
                .map(m -> new NexthopGroup.Member(Integer.parseInt(m[0]), Integer.parseInt(m[1])));
        boolean resilient = "resilient".equals(kv.get("type"));
        return new NexthopGroup(id, members, resilient, Integer.parseInt(kv.getOrDefault("buckets", "0")), proto);
    }

    private static Rule rule(Map<String, String> kv, int proto) {
        String lookup = kv.get("lookup");
        Option<String> from = Option.of(kv.get("from")).filter(f -> !f.equals("all"));
        return new Rule(Integer.parseInt(kv.get("priority")), from, Option.of(kv.get("oif")),
                Option.of(kv.get("fwmark")).map(m -> Long.parseLong(m.substring(2), 16)),
                lookup.equals("main") ? 254 : Integer.parseInt(lookup),
                Option.of(kv.get("suppress_prefixlength")).map(Integer::parseInt), proto);
    }

    private static int protocolOf(KernelObject o) {
        if (o instanceof Nexthop n) return n.protocol();
        if (o instanceof NexthopGroup g) return g.protocol();
        if (o instanceof Route r) return r.protocol();
        if (o instanceof Rule r) return r.protocol();
        return -1;
    }
}
