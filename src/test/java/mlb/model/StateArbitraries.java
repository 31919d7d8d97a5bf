package mlb.model;

import io.vavr.collection.List;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generators of VALID owned states (protocol 250), built the way shrinking likes: jqwik draws small lists of
 * raw choices from tiny domains (so identities collide often between two states), and one deterministic
 * function turns them into a valid NetState by dropping what would dangle. Shrinking the raw lists therefore
 * shrinks the state.
 *
 * <p>The invariants mlb's layout guarantees, and that the generated states keep too:
 * <ul>
 *   <li>a nexthop id is either a single nexthop (1..6) or a group, and a group's id fixes its type
 *       (100, 101 resilient; 1000100, 1000101 plain), as compile.Layout.groupId does;</li>
 *   <li>a rule priority fixes the shape of its selector (10: none, 20: from, 30: oif, 40: fwmark), as Layout's
 *       priorities do. The kernel's `rule del` treats unspecified selector words as wildcards, so two rules of one
 *       priority and table where one selector extends the other could not be told apart on deletion;</li>
 *   <li>routes through a group point to an existing id; rules point to main or to a table that has routes;</li>
 *   <li>every table holding routes has a rule pointing to it: mlb reads only the tables its spec names and
 *       those its rules point to, so a route in any other table would be invisible to it.</li>
 * </ul>
 * With {@code bucketChoices} the resilient groups' bucket count varies (256 or 512), which the kernel cannot
 * change in place: the replaced-group path of Diff.
 */
public final class StateArbitraries {
    public static final int P = 250;
    /** mlb's scope here: its protocol, and rule priorities 1..99 (the shapes below use 10 to 40). */
    public static final Scope SCOPE = new Scope(P, io.vavr.collection.TreeSet.of(new Scope.Priorities(1, 99)),
            io.vavr.collection.TreeSet.empty(), io.vavr.collection.TreeSet.empty());
    static final String[] GATEWAYS = {"198.18.1.1", "198.18.2.1", "198.18.3.1"};
    static final String[] DEVS = {"wan1", "wan2", "wan3"};
    static final int[] GROUP_IDS = {100, 101, 1_000_100, 1_000_101};
    static final int[] TABLES = {10, 11, 12};
    static final String[] DSTS = {"default", "198.51.100.0/24", "10.77.1.0/24"};
    static final long[] METRICS = {0, 100, 4294967295L};
    static final String[] SOURCES = {"198.18.1.2", "198.18.2.2", "10.77.0.0/16"};
    static final String[] PINNED = {"198.51.100.0/24", "203.0.113.7", "198.19.0.0/16"};
    static final String[] SYSCTLS = {"net.ipv4.fib_multipath_hash_policy", "net.ipv4.ip_forward", "net.ipv4.conf.all.rp_filter"};

    private StateArbitraries() {
    }

    record RawNexthop(int id, int gw, int dev) {
    }

    record RawMember(int id, int weight) {
    }

    record RawGroup(int slot, java.util.List<RawMember> members, boolean smallBuckets) {
    }

    /** kind: 0 via a gateway, 1 through one of the nexthop ids built so far (ref), 2 unreachable, or FIRST_GROUP. */
    record RawRoute(int table, int dst, int metric, int kind, int ref, int gw, int dev) {
    }

    /** tableRef: index into main and the tables with routes, or FIRST_ROUTE_TABLE. */
    record RawRule(int shape, int value, int tableRef, boolean suppress) {
    }

    private static final int FIRST_GROUP = 3;
    private static final int FIRST_ROUTE_TABLE = -1;

    record RawSysctl(int name, int value) {
    }

    /** Raw choices for one state. */
    public record Raw(java.util.List<RawNexthop> nexthops, java.util.List<RawGroup> groups, java.util.List<RawRoute> routes,
                      java.util.List<RawRule> rules, java.util.List<RawSysctl> sysctls) {
        Raw then(Raw other) {
            return new Raw(concat(nexthops, other.nexthops), concat(groups, other.groups), concat(routes, other.routes),
                    concat(rules, other.rules), concat(sysctls, other.sysctls));
        }
    }

    private static <T> java.util.List<T> concat(java.util.List<T> a, java.util.List<T> b) {
        java.util.List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    public static Arbitrary<NetState> states(boolean bucketChoices) {
        return raw(bucketChoices).map(r -> build(r, bucketChoices));
    }

    /**
     * Two states that share much: the desired state's own choices come first and win, then (a masked part of)
     * the current state's, so pairs range from unrelated to almost equal.
     */
    public static Arbitrary<Pair> pairs(boolean bucketChoices) {
        return pairs(bucketChoices, Arbitraries.integers().between(0, 3), Arbitraries.of(false, bucketChoices));
    }

    /** Pairs that share most objects, where resilient groups held by both change their bucket count. */
    public static Arbitrary<Pair> bucketChanges() {
        Arbitrary<Raw> withGroup = Combinators.combine(raw(true), Arbitraries.integers().between(1, 256), Arbitraries.of(false, true))
                .as((r, weight, small) -> new Raw(concat(java.util.List.of(new RawNexthop(1, 0, 0)), r.nexthops),
                        concat(java.util.List.of(new RawGroup(0, java.util.List.of(new RawMember(1, weight)), small)), r.groups),
                        concat(java.util.List.of(new RawRoute(0, 0, 0, FIRST_GROUP, 0, 0, 0)), r.routes),
                        concat(java.util.List.of(new RawRule(0, 0, FIRST_ROUTE_TABLE, false)), r.rules), r.sysctls));
        return Combinators.combine(withGroup, raw(true), Arbitraries.integers().between(1, 3)).as((c, d, overlap) -> {
            NetState current = build(c, true);
            return new Pair(current, flipBuckets(current, build(keepEvery(c, overlap).then(d), true)));
        });
    }

    private static Arbitrary<Pair> pairs(boolean bucketChoices, Arbitrary<Integer> overlaps, Arbitrary<Boolean> flips) {
        return Combinators.combine(raw(bucketChoices), raw(bucketChoices), overlaps, flips)
                .as((c, d, overlap, flip) -> {
                    NetState current = build(c, bucketChoices);
                    Raw desiredRaw = overlap == 0 ? d : d.then(keepEvery(c, overlap));
                    NetState desired = build(desiredRaw, bucketChoices);
                    return new Pair(current, flip ? flipBuckets(current, desired) : desired);
                });
    }

    /** Every resilient group of desired that current holds with the same bucket count gets the other count. */
    private static NetState flipBuckets(NetState current, NetState desired) {
        NetState out = desired;
        for (NexthopGroup g : desired.all(NexthopGroup.class)) {
            if (g.resilient() && current.get(g.key()).exists(o -> ((NexthopGroup) o).buckets() == g.buckets())) {
                out = out.with(new NexthopGroup(g.id(), g.members(), true, g.buckets() == 512 ? 256 : 512, g.protocol()));
            }
        }
        return out;
    }

    /** Keeps all of a raw state (n = 1), or drops every n-th choice of each list (the first is always kept). */
    private static Raw keepEvery(Raw r, int n) {
        return new Raw(every(r.nexthops, n), every(r.groups, n), every(r.routes, n), every(r.rules, n), every(r.sysctls, n));
    }

    private static <T> java.util.List<T> every(java.util.List<T> xs, int n) {
        java.util.List<T> out = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) if (n == 1 || i % n != n - 1) out.add(xs.get(i));
        return out;
    }

    /** A current and a desired state, shown readably when a property fails. */
    public record Pair(NetState current, NetState desired) {
        @Override
        public String toString() {
            return "\ncurrent:\n" + show(current) + "desired:\n" + show(desired);
        }
    }

    /** The objects a kernel dump of one protocol holds: everything but the settings. */
    public static NetState withoutSysctls(NetState s) {
        return new NetState(s.objects().filter((k, o) -> k.kind() != Kind.SYSCTL));
    }

    /** One line per object, as plan output describes them, plus the protocol. */
    public static String show(NetState s) {
        if (s.isEmpty()) return "  (empty)\n";
        StringBuilder b = new StringBuilder();
        s.all().forEach(o -> b.append("  ").append(o.kind().label()).append(' ').append(mlb.plan.Describe.of(o)).append('\n'));
        return b.toString();
    }

    static Arbitrary<Raw> raw(boolean bucketChoices) {
        Arbitrary<RawNexthop> nh = Combinators.combine(Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2)).as(RawNexthop::new);
        Arbitrary<RawMember> member = Combinators.combine(Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(1, 256)).as(RawMember::new);
        Arbitrary<RawGroup> group = Combinators.combine(Arbitraries.integers().between(0, 3),
                member.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(bucketChoices ? new Boolean[]{false, true} : new Boolean[]{false}))
                .as(RawGroup::new);
        Arbitrary<RawRoute> route = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2)).as(RawRoute::new);
        Arbitrary<RawRule> rule = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 3), Arbitraries.of(false, true)).as(RawRule::new);
        Arbitrary<RawSysctl> sysctl = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 2)).as(RawSysctl::new);
        return Combinators.combine(nh.list().ofMaxSize(5), group.list().ofMaxSize(3), route.list().ofMaxSize(6),
                rule.list().ofMaxSize(5), sysctl.list().ofMaxSize(2)).as(Raw::new);
    }

    /** The valid state the raw choices describe: duplicates keep the first, dangling references are dropped. */
    public static NetState build(Raw raw, boolean bucketChoices) {
        Map<ObjectKey, KernelObject> out = new LinkedHashMap<>();
        java.util.List<Integer> ids = new ArrayList<>();
        for (RawNexthop n : raw.nexthops) {
            Nexthop h = new Nexthop(n.id, GATEWAYS[n.gw], DEVS[n.dev], P);
            if (out.putIfAbsent(h.key(), h) == null) ids.add(n.id);
        }
        for (RawGroup g : raw.groups) {
            int id = GROUP_IDS[g.slot];
            boolean resilient = id < 1_000_000;
            List<NexthopGroup.Member> members = List.empty();
            for (RawMember m : g.members) {
                if (ids.contains(m.id) && !members.exists(x -> x.id() == m.id)) {
                    members = members.append(new NexthopGroup.Member(m.id, m.weight));
                }
            }
            if (members.isEmpty()) continue;
            int buckets = resilient ? (bucketChoices && g.smallBuckets ? 256 : 512) : 0;
            NexthopGroup made = new NexthopGroup(id, members, resilient, buckets, P);
            if (!out.containsKey(made.key())) {
                out.put(made.key(), made);
                ids.add(id);
            }
        }
        java.util.Set<Integer> tablesWithRoutes = new java.util.TreeSet<>();
        Option<Integer> firstGroup = Option.ofOptional(out.values().stream()
                .filter(o -> o instanceof NexthopGroup).map(o -> ((NexthopGroup) o).id()).findFirst());
        Option<Integer> firstRouteTable = Option.none();
        for (RawRoute r : raw.routes) {
            RouteTarget target;
            if (r.kind == FIRST_GROUP && firstGroup.isEmpty()) continue;
            if (r.kind == FIRST_GROUP) target = new RouteTarget.Group(firstGroup.get());
            else if (r.kind == 0) target = new RouteTarget.Gateway(GATEWAYS[r.gw], DEVS[r.dev]);
            else if (r.kind == 1 && !ids.isEmpty()) target = new RouteTarget.Group(ids.get(r.ref % ids.size()));
            else if (r.kind == 1) continue;
            else target = new RouteTarget.Unreachable();
            Route made = new Route(TABLES[r.table], DSTS[r.dst], METRICS[r.metric], target, P);
            if (out.putIfAbsent(made.key(), made) == null) {
                tablesWithRoutes.add(made.table());
                if (firstRouteTable.isEmpty()) firstRouteTable = Option.some(made.table());
            }
        }
        java.util.List<Integer> ruleTables = new ArrayList<>(tablesWithRoutes);
        ruleTables.add(0, 254);
        for (RawRule r : raw.rules) {
            int table = r.tableRef == FIRST_ROUTE_TABLE ? firstRouteTable.getOrElse(254) : ruleTables.get(r.tableRef % ruleTables.size());
            Option<Integer> suppress = r.suppress ? Option.some(0) : Option.none();
            Rule made = switch (r.shape) {
                case 0 -> new Rule(10, Option.none(), Option.none(), Option.none(), table, suppress, P);
                case 1 -> new Rule(20, Option.some(SOURCES[r.value]), Option.none(), Option.none(), table, suppress, P);
                case 2 -> new Rule(30, Option.none(), Option.some(DEVS[r.value]), Option.none(), table, suppress, P);
                case 3 -> new Rule(40, Option.none(), Option.none(), Option.some(Rule.Mark.exactly((long) r.value + 1)), table, suppress, P);
                // pins: destination, protocol and port to a table, or dropped
                case 4 -> new Rule(50, Option.none(), Option.none(), Option.none(), new Rule.Match(Option.some(PINNED[r.value]),
                        Option.some(6), Option.none(), Option.some(new Rule.Ports(443, 443 + r.value))), Rule.Action.LOOKUP, table, suppress, P);
                default -> new Rule(60, Option.none(), Option.none(), Option.none(), new Rule.Match(Option.none(), Option.some(17),
                        Option.none(), Option.some(new Rule.Ports(53 + r.value, 53 + r.value))), Rule.Action.BLACKHOLE, 0, Option.none(), P);
            };
            out.putIfAbsent(made.key(), made);
        }
        java.util.Set<Integer> ruled = new java.util.HashSet<>();
        out.values().forEach(o -> {
            if (o instanceof Rule r) ruled.add(r.table());
        });
        out.values().removeIf(o -> o instanceof Route r && !ruled.contains(r.table()));
        for (RawSysctl s : raw.sysctls) {
            Sysctl made = new Sysctl(SYSCTLS[s.name], String.valueOf(s.value));
            out.putIfAbsent(made.key(), made);
        }
        return NetState.of(out.values());
    }

    /**
     * Objects of other protocols that a kernel may hold beside mlb's, chosen to be dangerous: a rule with the
     * same priority, selector and table as one of mlb's, a default route in an owned table with a metric mlb
     * does not use, a route in main through a foreign group. None shares an identity with a generated object.
     */
    public static List<KernelObject> foreign() {
        Nexthop nh = new Nexthop(900, "198.18.1.1", "wan1", 4);
        NexthopGroup group = new NexthopGroup(901, List.of(new NexthopGroup.Member(900, 1)), false, 0, 4);
        return List.of(
                new Rule(5, Option.none(), Option.none(), Option.none(), 254, Option.none(), 0),
                new Rule(20, Option.some("198.18.1.2"), Option.none(), Option.none(), 10, Option.none(), 4),
                new Rule(30, Option.none(), Option.some("wan1"), Option.none(), 11, Option.none(), 3),
                new Route(254, "default", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 3),
                new Route(10, "10.77.99.0/24", 0, new RouteTarget.Gateway("198.18.2.1", "wan2"), 4),
                new Route(11, "default", 50, new RouteTarget.Gateway("198.18.3.1", "wan3"), 4),
                nh, group,
                new Route(254, "10.77.98.0/24", 0, new RouteTarget.Group(901), 4));
    }
}
