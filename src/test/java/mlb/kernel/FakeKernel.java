package mlb.kernel;

import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.kernel.ip.IpDriver;
import mlb.kernel.sysctl.SysctlDriver;
import mlb.model.Change;
import mlb.model.Device;
import mlb.model.Foreign;
import mlb.model.KernelObject;
import mlb.model.Kind;
import mlb.model.NetState;
import mlb.model.NftObject;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.ObjectKey;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.Rule;
import mlb.model.Scope;
import mlb.model.Sysctl;
import mlb.plan.Describe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An in-memory kernel that runs the RENDERED commands: the real drivers render each change (`ip ...` lines and
 * `sysctl -w name=value`), and this fake interprets that text, so tests through it check the renderers as well
 * as the diff. It is one driver for every kind and the target's devices; {@link #kernel()} wraps it.
 *
 * <p>It holds every object, mlb's and foreign ones (any other protocol), and per operation behaves as follows:
 * <ul>
 *   <li>like the kernel: {@code route/nexthop add} of an existing identity fails (File exists); {@code replace}
 *       creates when absent; a route or group naming a missing nexthop id fails; a group member that is itself a
 *       group fails; replacing a group by one of another type or another bucket count fails (the kernel's
 *       "Can not replace a nexthop group with one of a different type" / "Can not change number of buckets");
 *       {@code nexthop del} of a GROUP drops every route through it (the kernel's cascade, which Diff relies on
 *       when it recreates the routes of a replaced group); {@code rule del} and {@code route del} delete the FIRST
 *       object the given words match, with unspecified fields as wildcards (protocol too) and, for routes, the
 *       first one of that prefix with a metric at least the given one - as measured on Linux 6.18 / iproute2 6.1.</li>
 *   <li>stricter than the kernel, so bad ordering is caught instead of silently cascading: {@code nexthop del} of
 *       a single nexthop still in a group, or still used by a route, is refused; replacing a single nexthop by a
 *       group (or back) is refused; add/replace lines without {@code proto} are refused (an object without
 *       mlb's protocol would not be mlb's); unknown words are refused.</li>
 *   <li>a state is <em>valid</em> (see {@link #violations}) when every route's nhid exists, every group's members
 *       exist and are single nexthops, and every rule of the owned protocol that points to a table other than
 *       local/main/default finds at least one route of the owned protocol there. Invalid states are allowed (the kernel allows them)
 *       but every state after every command is recorded, so tests can demand that none was invalid.</li>
 *   <li>reads own what the real drivers own: rules of the scope's protocol inside its priority ranges, routes of
 *       its protocol in the scope's tables, the tables owned rules point to and any table holding its routes.</li>
 * </ul>
 */
public final class FakeKernel implements Driver, Devices {
    private int reads;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");
    private static final Driver IP = new IpDriver(null, null);
    private static final Driver SYSCTL = new SysctlDriver(null, null);

    /** The whole kernel: rules in kernel order, routes by identity, nexthops and groups by id, sysctls. */
    public record State(List<Rule> rules, TreeMap<ObjectKey, Route> routes, TreeMap<Integer, KernelObject> nexthops,
                        TreeMap<String, String> sysctls) {
        /** The objects of one protocol, as mlb's model holds them (sysctls not included). */
        public NetState ofProtocol(int protocol) {
            java.util.List<KernelObject> out = new ArrayList<>();
            rules.filter(r -> r.protocol() == protocol).forEach(out::add);
            routes.values().filter(r -> r.protocol() == protocol).forEach(out::add);
            nexthops.values().filter(n -> protocolOf(n) == protocol).forEach(out::add);
            return NetState.of(out);
        }

        /** Everything not of the given protocol, in kernel order: what mlb must never change. */
        public String foreignText(int protocol) {
            StringBuilder s = new StringBuilder();
            rules.filter(r -> r.protocol() != protocol).forEach(r -> s.append("rule ").append(r).append('\n'));
            routes.values().filter(r -> r.protocol() != protocol).forEach(r -> s.append("route ").append(r).append('\n'));
            nexthops.values().filter(n -> protocolOf(n) != protocol).forEach(n -> s.append("nexthop ").append(n).append('\n'));
            return s.toString();
        }
    }

    private final int owned;
    private final mlb.kernel.nft.FakeNft nft = new mlb.kernel.nft.FakeNft();
    private Map<String, Device> devices;
    private final boolean resilient;
    private State state;
    private final java.util.List<State> history = new ArrayList<>();
    private final java.util.List<String> executed = new ArrayList<>();
    private final java.util.List<String> cascades = new ArrayList<>();
    private Predicate<String> failWhen = c -> false;
    private int failAtCount = 0;
    private int commandsSinceArmed = 0;
    private int writes = 0;
    private long trafficReads = 0;

    /**
     * @param owned     the protocol whose rules must always find a route (mlb's)
     * @param devices   device name to its global IPv4 address, in a /24 (none: the device has no address)
     * @param resilient whether this kernel has resilient groups
     */
    public FakeKernel(int owned, Map<String, Option<String>> devices, boolean resilient) {
        this.owned = owned;
        this.devices = devices.map((name, a) -> new io.vavr.Tuple2<>(name,
                new Device(name, true, true, a.map(x -> List.of(new Device.Address(x, 24))).getOrElse(List.empty()))));
        this.resilient = resilient;
        // like the kernel, a setting per device (strict reverse-path filtering, as distributions set it)
        this.state = new State(List.empty(), TreeMap.empty(), TreeMap.empty(), TreeMap.of(
                "net.ipv4.fib_multipath_hash_policy", "0",
                "net.ipv4.fib_multipath_hash_fields", "7",
                "net.ipv4.ip_forward", "0",
                "net.ipv4.conf.all.rp_filter", "2").merge(TreeMap.ofEntries(devices.keySet().map(d ->
                new io.vavr.Tuple2<>("net.ipv4.conf." + d.replace('.', '/') + ".rp_filter", "1")))));
        history.add(state);
    }

    /** Devices wan1..wan4 with addresses 198.18.N.2, resilient groups supported, mlb's default protocol. */
    public static FakeKernel standard() {
        return new FakeKernel(250, HashMap.of("wan1", Option.some("198.18.1.2"), "wan2", Option.some("198.18.2.2"),
                "wan3", Option.some("198.18.3.2"), "wan4", Option.none()), true);
    }

    /**
     * The kernel the engine sees, its drivers assembled as the host assembles the real ones: this fake for the
     * routing kinds (iproute2 and /proc/sys share one state, as they share the kernel's), {@link mlb.kernel.nft.FakeNft} for
     * the nftables kinds, and this fake as the target's devices.
     */
    public Kernel kernel() {
        return new Kernel(List.of(this, nft), this);
    }

    /** The nftables half of this kernel. */
    public mlb.kernel.nft.FakeNft nft() {
        return nft;
    }

    /** Puts objects into the kernel directly (any protocol), as if someone else had made them. */
    public FakeKernel with(Iterable<? extends KernelObject> objects) {
        State s = state;
        for (KernelObject o : objects) {
            if (o instanceof NftObject n) nft.put(n);
            else s = put(s, o);
        }
        List<String> bad = violations(s);
        if (!bad.isEmpty()) throw new IllegalArgumentException("initial state is invalid: " + bad.mkString("; "));
        state = s;
        history.clear();
        history.add(state);
        return this;
    }

    public FakeKernel with(KernelObject... objects) {
        return with(Arrays.asList(objects));
    }

    private static State put(State s, KernelObject o) {
        return o.match(x -> new State(s.rules, s.routes, s.nexthops, s.sysctls.put(x.name(), x.value())),
                n -> putNexthop(s, n.id(), n), g -> putNexthop(s, g.id(), g),
                r -> {
                    if (s.routes.containsKey(r.key())) throw new IllegalArgumentException("duplicate " + r);
                    return new State(s.rules, s.routes.put(r.key(), r), s.nexthops, s.sysctls);
                },
                r -> new State(insertRule(s.rules, r), s.routes, s.nexthops, s.sysctls),
                n -> {
                    throw new IllegalArgumentException("nft objects live in FakeNft");
                });
    }

    private static State putNexthop(State s, int id, KernelObject o) {
        if (s.nexthops.containsKey(id)) throw new IllegalArgumentException("duplicate nexthop id " + id);
        return new State(s.rules, s.routes, s.nexthops.put(id, o), s.sysctls);
    }

    /**
     * The n-th command (1-based) mlb sends from now on fails without effect (its batches count as one write);
     * later commands run normally.
     */
    public FakeKernel failAt(int n) {
        failAtCount = n;
        commandsSinceArmed = 0;
        return this;
    }

    /** Every command (its text, e.g. "ip rule add ...") the predicate accepts fails without effect. */
    public FakeKernel failWhen(Predicate<String> p) {
        failWhen = p;
        return this;
    }

    public State state() {
        return state;
    }

    /** The state before the first command and after every successful one since. */
    public List<State> history() {
        return List.ofAll(history);
    }

    /** Commands that took effect, in order, as their text ("ip nexthop add ...", "sysctl -w ..."). */
    public List<String> executed() {
        return List.ofAll(executed);
    }

    /** Routes the kernel dropped because their group was deleted, as "route ... (group N deleted)". */
    public List<String> cascades() {
        return List.ofAll(cascades);
    }

    public int writes() {
        return writes;
    }

    /** Every recorded state that was invalid, with what was wrong, numbered by the command that led to it. */
    public List<String> invalidIntermediateStates() {
        List<String> out = List.empty();
        for (int i = 0; i < history.size(); i++) {
            List<String> v = violations(history.get(i));
            if (!v.isEmpty()) {
                String after = i == 0 ? "initially" : "after `" + executed.get(i - 1) + "`";
                out = out.append(after + ": " + v.mkString("; "));
            }
        }
        return out;
    }

    /** What makes a state one no packet should see (see the class comment). */
    public List<String> violations(State s) {
        List<String> out = List.empty();
        for (Route r : s.routes.values()) {
            if (r.target() instanceof RouteTarget.Group g && !s.nexthops.containsKey(g.nhid())) {
                out = out.append("route " + Describe.of(r) + " uses missing nexthop " + g.nhid());
            }
        }
        for (KernelObject o : s.nexthops.values()) {
            if (o instanceof NexthopGroup g) {
                for (NexthopGroup.Member m : g.members()) {
                    if (!(s.nexthops.get(m.id()).getOrNull() instanceof Nexthop)) {
                        out = out.append("group " + g.id() + " has member " + m.id() + " that is not a nexthop");
                    }
                }
            }
        }
        for (Rule r : s.rules) {
            if (r.protocol() == owned && r.action() == Rule.Action.LOOKUP && !NetState.kernelTable(r.table())
                    && s.routes.values().find(x -> x.table() == r.table() && x.protocol() == owned).isEmpty()) {
                out = out.append("rule " + Describe.of(r) + " points to table " + r.table() + " which has no route of its own");
            }
        }
        return out;
    }

    // ---- Driver and Devices -------------------------------------------------------------------------------

    @Override
    public Set<Kind> kinds() {
        return HashSet.of(Kind.values()).filter(k -> !k.nft());
    }

    /** How many times the owned state was read. */
    public int reads() {
        return reads;
    }

    @Override
    public Reading read(Scope scope) {
        reads++;
        java.util.List<KernelObject> mine = new ArrayList<>();
        int foreignRules = 0;
        int foreignRoutes = 0;
        int foreignNexthops = 0;
        TreeMap<ObjectKey, KernelObject> colliding = TreeMap.empty();
        for (Rule r : state.rules) {
            if (r.protocol() == scope.protocol() && scope.ownsPriority(r.priority())) {
                mine.add(r);
            } else {
                foreignRules++;
                if (scope.ownsPriority(r.priority())) colliding = colliding.put(r.key(), r);
            }
        }
        SortedSet<Integer> toRead = scope.tables().addAll(List.ofAll(mine).map(o -> ((Rule) o).table()))
                .addAll(state.routes.values().filter(r -> r.protocol() == scope.protocol()).map(Route::table))
                .filter(t -> !NetState.kernelTable(t));
        for (Route r : state.routes.values()) {
            if (!toRead.contains(r.table())) continue;
            if (r.protocol() == scope.protocol()) {
                mine.add(r);
            } else {
                foreignRoutes++;
                colliding = colliding.put(r.key(), r);
            }
        }
        for (KernelObject n : state.nexthops.values()) {
            if (protocolOf(n) == scope.protocol()) {
                mine.add(n);
            } else {
                foreignNexthops++;
                colliding = colliding.put(n.key(), n);
            }
        }
        for (String name : scope.sysctls()) {
            String v = state.sysctls.get(name).getOrElseThrow(
                    () -> new KernelError(KernelError.Reason.FAILED, "reading " + name + ": No such file or directory"));
            mine.add(new Sysctl(name, v));
        }
        return new Reading(List.ofAll(mine), new Foreign(foreignRules, foreignRoutes, foreignNexthops, colliding));
    }

    @Override
    public Map<String, Device> all() {
        return devices;
    }

    /**
     * A device goes down (or loses its carrier), as the kernel handles it: its nexthops are deleted and leave
     * their groups, a group left empty goes too, and so do the routes through any of them or through the device.
     */
    public FakeKernel deviceDown(String name) {
        setUp(name, false);
        State s = state;
        List<Integer> gone = s.nexthops.values().filter(o -> o instanceof Nexthop n && n.dev().equals(name))
                .map(o -> ((Nexthop) o).id()).toList();
        TreeMap<Integer, KernelObject> nexthops = s.nexthops.removeAll(gone);
        for (KernelObject o : nexthops.values()) {
            if (!(o instanceof NexthopGroup g)) continue;
            List<NexthopGroup.Member> left = g.members().filter(m -> !gone.contains(m.id()));
            nexthops = left.isEmpty() ? nexthops.remove(g.id()) : nexthops.put(g.id(), new NexthopGroup(g.id(), left,
                    g.resilient(), g.buckets(), g.idleTimer(), g.unbalancedTimer(), g.protocol()));
        }
        TreeMap<Integer, KernelObject> kept = nexthops;
        TreeMap<ObjectKey, Route> routes = s.routes.filter((k, r) -> r.target().match(
                g -> !g.dev().equals(name), g -> kept.containsKey(g.nhid()), u -> true));
        state = new State(s.rules, routes, kept, s.sysctls);
        history.add(state);
        return this;
    }

    private void setUp(String name, boolean up) {
        Device d = devices.get(name).get();
        devices = devices.put(name, new Device(name, up, d.carrier(), d.addresses()));
    }

    public FakeKernel deviceUp(String name) {
        setUp(name, true);
        return this;
    }

    /** Counters that grow with every read, as a busy link's do. */
    @Override
    public Option<Traffic> traffic(String dev) {
        if (!devices.containsKey(dev)) return Option.none();
        long n = ++trafficReads;
        return Option.some(new Traffic(1000 * n, 500 * n, 10 * n, 5 * n));
    }

    private boolean mayChange = true;

    /** A process without CAP_NET_ADMIN: reads work, every write would fail. */
    public FakeKernel withoutNetAdmin() {
        mayChange = false;
        return this;
    }

    @Override
    public boolean mayChangeRouting() {
        return mayChange;
    }

    @Override
    public boolean resilientGroups() {
        return resilient;
    }

    /** What the real drivers would send for the changes. */
    @Override
    public Either<String, List<String>> render(List<Change> run) {
        return Either.sequenceRight(run.map(c -> (c.key().kind() == Kind.SYSCTL ? SYSCTL : IP).render(List.of(c))))
                .map(each -> List.ofAll(each).flatMap(l -> l));
    }

    @Override
    public Written write(List<Change> changes) {
        return send(render(changes).get());
    }

    /** Small, so tests can stop a write between batches (as an interrupt does). */
    @Override
    public int batch() {
        return 4;
    }

    /** Runs command texts as one write of mlb's: armed and predicate failures apply. */
    public Written send(List<String> commands) {
        writes++;
        for (int i = 0; i < commands.size(); i++) {
            String c = commands.get(i);
            List<String> sent = commands.take(i + 1);
            boolean armedHere = failAtCount > 0 && ++commandsSinceArmed == failAtCount;
            if (armedHere) failAtCount = 0;
            if (failWhen.test(c) || armedHere) {
                return new Written(sent, Option.some(c + ": injected failure"), false);
            }
            try {
                state = run(state, c);
            } catch (Refused e) {
                return new Written(sent, Option.some(c + ": " + e.getMessage()), false);
            }
            executed.add(c);
            history.add(state);
        }
        return new Written(commands, Option.none(), false);
    }

    /**
     * A manual change, as someone running `ip LINE` beside mlb would make it: never injected to fail, and no
     * write of mlb's. Returns the kernel's refusal, if it refused.
     */
    public Option<String> ip(String line) {
        String c = "ip " + line;
        try {
            state = run(state, c);
        } catch (Refused e) {
            return Option.some(e.getMessage());
        }
        executed.add(c);
        history.add(state);
        return Option.none();
    }

    /** Runs one command text against a state: the new state, or Refused with the kernel's kind of answer. */
    public State run(State s, String command) {
        if (command.startsWith("sysctl -w ")) {
            String[] nv = command.substring("sysctl -w ".length()).split("=", 2);
            if (!s.sysctls.containsKey(nv[0])) throw new Refused("/proc/sys/" + nv[0].replace('.', '/') + ": No such file or directory");
            return new State(s.rules, s.routes, s.nexthops, s.sysctls.put(nv[0], nv[1]));
        }
        if (!command.startsWith("ip ")) throw new Refused("not an ip or sysctl command: " + command);
        Words w = new Words(command.substring(3));
        String object = w.next();
        String op = w.next();
        return switch (object) {
            case "nexthop" -> nexthop(s, op, w);
            case "route" -> route(s, op, w);
            case "rule" -> rule(s, op, w);
            default -> throw new Refused("Object \"" + object + "\" is unknown");
        };
    }

    // ---- nexthops -----------------------------------------------------------------------------------------

    private State nexthop(State s, String op, Words w) {
        w.expect("id");
        int id = w.positiveInt();
        if (op.equals("del")) {
            w.end();
            return deleteNexthop(s, id);
        }
        if (!op.equals("add") && !op.equals("replace")) throw new Refused("unknown nexthop command " + op);
        KernelObject made;
        String kind = w.next();
        if (kind.equals("via")) {
            String gw = w.ipv4();
            w.expect("dev");
            String dev = w.device();
            boolean onlink = w.flag("onlink");
            int proto = w.proto();
            w.end();
            made = new Nexthop(id, gw, dev, onlink, proto);
        } else if (kind.equals("group")) {
            List<NexthopGroup.Member> members = members(w.next());
            boolean res = false;
            int buckets = 0;
            Option<Integer> idle = Option.none();
            Option<Integer> unbalanced = Option.none();
            if (w.peek("type")) {
                w.next();
                w.expect("resilient");
                w.expect("buckets");
                res = true;
                buckets = w.positiveInt();
                if (!resilient) throw new Refused("Error: resilient groups are not supported here");
                if (w.flag("idle_timer")) idle = Option.some(w.unsignedIntAsInt());
                if (w.flag("unbalanced_timer")) unbalanced = Option.some(w.unsignedIntAsInt());
            }
            int proto = w.proto();
            w.end();
            for (NexthopGroup.Member m : members) {
                KernelObject member = s.nexthops.get(m.id()).getOrNull();
                if (member == null) throw new Refused("Error: Invalid nexthop id " + m.id() + " in group.");
                if (!(member instanceof Nexthop)) throw new Refused("Error: A group can not be a member of a group.");
            }
            // As the kernel: a replace keeps the timers it is not given.
            Option<NexthopGroup> was = s.nexthops.get(id).filter(o -> o instanceof NexthopGroup).map(o -> (NexthopGroup) o);
            made = new NexthopGroup(id, members, res, buckets,
                    idle.orElse(was.map(NexthopGroup::idleTimer)).getOrElse(NexthopGroup.DEFAULT_IDLE_TIMER),
                    unbalanced.orElse(was.map(NexthopGroup::unbalancedTimer)).getOrElse(NexthopGroup.DEFAULT_UNBALANCED_TIMER), proto);
        } else {
            throw new Refused("expected via or group, got " + kind);
        }
        KernelObject old = s.nexthops.get(id).getOrNull();
        if (old != null && op.equals("add")) throw new Refused("RTNETLINK answers: File exists");
        if (old != null) {
            if (old instanceof NexthopGroup og && made instanceof NexthopGroup ng) {
                if (og.resilient() != ng.resilient()) {
                    throw new Refused("Error: Can not replace a nexthop group with one of a different type.");
                }
                if (og.buckets() != ng.buckets()) {
                    throw new Refused("Error: Can not change number of buckets of a resilient nexthop group.");
                }
            } else if (old.getClass() != made.getClass()) {
                throw new Refused("refused by the fake: replacing a nexthop by a group or back");
            }
        }
        return new State(s.rules, s.routes, s.nexthops.put(id, made), s.sysctls);
    }

    private static List<NexthopGroup.Member> members(String spec) {
        List<NexthopGroup.Member> out = List.empty();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (String part : spec.split("/", -1)) {
            String[] iw = part.split(",", -1);
            if (iw.length > 2) throw new Refused("bad group member " + part);
            int mid = parsePositive(iw[0]);
            int weight = iw.length == 2 ? parsePositive(iw[1]) : 1;
            if (weight > 256) throw new Refused("Error: weight out of range: " + weight);
            if (!seen.add(mid)) throw new Refused("Error: Duplicate nexthop in group: " + mid);
            out = out.append(new NexthopGroup.Member(mid, weight));
        }
        return out;
    }

    private State deleteNexthop(State s, int id) {
        KernelObject old = s.nexthops.get(id).getOrElseThrow(() -> new Refused("Error: Nexthop id does not exist."));
        List<Route> users = s.routes.values().filter(r -> r.target() instanceof RouteTarget.Group g && g.nhid() == id).toList();
        if (old instanceof Nexthop) {
            Option<KernelObject> group = s.nexthops.values()
                    .find(o -> o instanceof NexthopGroup g && g.members().exists(m -> m.id() == id));
            if (group.isDefined()) {
                throw new Refused("refused by the fake: nexthop " + id + " is still a member of group "
                        + idOf(group.get()) + " (the kernel would silently shrink the group)");
            }
            if (!users.isEmpty()) {
                throw new Refused("refused by the fake: nexthop " + id + " is still used by route "
                        + Describe.of(users.head()) + " (the kernel would silently delete the route)");
            }
            return new State(s.rules, s.routes, s.nexthops.remove(id), s.sysctls);
        }
        TreeMap<ObjectKey, Route> routes = s.routes;
        for (Route r : users) {
            routes = routes.remove(r.key());
            cascades.add("route " + Describe.of(r) + " (group " + id + " deleted)");
        }
        return new State(s.rules, routes, s.nexthops.remove(id), s.sysctls);
    }

    // ---- routes -------------------------------------------------------------------------------------------

    private State route(State s, String op, Words w) {
        boolean unreachable = false;
        if (w.peek("unreachable")) {
            w.next();
            unreachable = true;
        }
        String dst = w.next();
        if (!dst.equals("default") && !PREFIX.matcher(dst).matches()) throw new Refused("Error: invalid prefix " + dst);
        w.expect("table");
        int table = w.positiveInt();
        long metric = 0;
        if (w.peek("metric")) {
            w.next();
            metric = w.unsignedInt();
        }
        Option<RouteTarget> target = Option.none();
        if (w.peek("via")) {
            w.next();
            String via = w.ipv4();
            w.expect("dev");
            String dev = w.device();
            target = Option.some(new RouteTarget.Gateway(via, dev, w.flag("onlink")));
        } else if (w.peek("nhid")) {
            w.next();
            target = Option.some(new RouteTarget.Group(w.positiveInt()));
        }
        if (unreachable && target.isDefined()) throw new Refused("Error: an unreachable route has no nexthop");
        Option<Integer> proto = Option.none();
        if (w.peek("proto")) proto = Option.some(w.proto());
        w.end();
        if (op.equals("del")) return deleteRoute(s, table, dst, metric, unreachable, target, proto);
        if (!op.equals("add") && !op.equals("replace")) throw new Refused("unknown route command " + op);
        if (proto.isEmpty()) throw new Refused("refused by the fake: route " + op + " without proto");
        if (!unreachable && target.isEmpty()) throw new Refused("refused by the fake: a unicast route needs via or nhid");
        RouteTarget t = unreachable ? new RouteTarget.Unreachable() : target.get();
        if (t instanceof RouteTarget.Group g && !s.nexthops.containsKey(g.nhid())) {
            throw new Refused("Error: Nexthop id does not exist.");
        }
        Route r = new Route(table, dst, metric, t, proto.get());
        if (op.equals("add") && s.routes.containsKey(r.key())) throw new Refused("RTNETLINK answers: File exists");
        return new State(s.rules, s.routes.put(r.key(), r), s.nexthops, s.sysctls);
    }

    /** As the kernel: the first route of this prefix with metric >= the given one that the given words match. */
    private static State deleteRoute(State s, int table, String dst, long metric, boolean unreachable,
                                     Option<RouteTarget> target, Option<Integer> proto) {
        Option<Route> victim = s.routes.values()
                .filter(r -> r.table() == table && r.dst().equals(dst) && r.metric() >= metric)
                .sortBy(Route::metric)
                .find(r -> (!unreachable || r.target() instanceof RouteTarget.Unreachable)
                        && proto.forAll(p -> p == r.protocol())
                        && target.forAll(t -> t.equals(r.target())));
        if (victim.isEmpty()) throw new Refused("RTNETLINK answers: No such process");
        return new State(s.rules, s.routes.remove(victim.get().key()), s.nexthops, s.sysctls);
    }

    // ---- rules --------------------------------------------------------------------------------------------

    private State rule(State s, String op, Words w) {
        w.expect("priority");
        int priority = w.unsignedIntAsInt();
        Option<String> from = Option.none();
        Option<String> oif = Option.none();
        Option<Rule.Mark> fwmark = Option.none();
        if (w.peek("from")) {
            w.next();
            String f = w.next();
            if (!f.equals("all")) {
                if (!PREFIX.matcher(f).matches()) throw new Refused("Error: inet prefix is expected rather than \"" + f + "\".");
                from = Option.some(f);
            }
        }
        Option<String> to = Option.none();
        if (w.peek("to")) {
            w.next();
            String t = w.next();
            if (!PREFIX.matcher(t).matches()) throw new Refused("Error: inet prefix is expected rather than \"" + t + "\".");
            to = Option.some(t);
        }
        if (w.peek("oif")) {
            w.next();
            oif = Option.some(w.next());
        }
        if (w.peek("fwmark")) {
            w.next();
            String m = w.next();
            String[] vm = m.split("/", 2);
            if (!vm[0].startsWith("0x") || vm.length == 2 && !vm[1].startsWith("0x")) {
                throw new Refused("refused by the fake: fwmark not in hex: " + m);
            }
            fwmark = Option.some(new Rule.Mark(Long.parseLong(vm[0].substring(2), 16),
                    vm.length == 2 ? Long.parseLong(vm[1].substring(2), 16) : Rule.Mark.ALL));
        }
        Option<Integer> ipproto = Option.none();
        if (w.peek("ipproto")) {
            w.next();
            ipproto = Option.some(w.unsignedIntAsInt());
        }
        Option<Rule.Ports> sport = ports(w, "sport");
        Option<Rule.Ports> dport = ports(w, "dport");
        Rule.Match match = new Rule.Match(to, ipproto, sport, dport);
        Rule.Action action = Rule.Action.LOOKUP;
        int table = 0;
        if (w.peek("blackhole")) {
            w.next();
            action = Rule.Action.BLACKHOLE;
        } else {
            w.expect("lookup");
            String t = w.next();
            table = t.equals("main") ? 254 : parsePositive(t);
        }
        Option<Integer> suppress = Option.none();
        if (w.peek("suppress_prefixlength")) {
            w.next();
            suppress = Option.some(w.unsignedIntAsInt());
        }
        Option<Integer> proto = Option.none();
        if (w.peek("proto")) proto = Option.some(w.proto());
        w.end();
        if (op.equals("add")) {
            if (proto.isEmpty()) throw new Refused("refused by the fake: rule add without proto");
            Rule r = new Rule(priority, from, oif, fwmark, match, action, table, suppress, proto.get());
            if (s.rules.contains(r)) throw new Refused("RTNETLINK answers: File exists");
            return new State(insertRule(s.rules, r), s.routes, s.nexthops, s.sysctls);
        }
        if (!op.equals("del")) throw new Refused("unknown rule command " + op);
        Option<String> f = from;
        Option<String> o = oif;
        Option<Rule.Mark> m = fwmark;
        Option<Integer> sp = suppress;
        Option<Integer> pr = proto;
        Rule.Action a = action;
        int tb = table;
        int index = s.rules.indexWhere(r -> (priority == 0 || r.priority() == priority)
                && f.forAll(x -> r.from().contains(x)) && o.forAll(x -> r.oif().contains(x))
                && m.forAll(x -> r.fwmark().contains(x)) && matches(match, r.match()) && r.action() == a && r.table() == tb
                && sp.forAll(x -> r.suppressPrefixLength().contains(x))
                && pr.forAll(p -> p == r.protocol()));
        if (index < 0) throw new Refused("RTNETLINK answers: No such file or directory");
        return new State(s.rules.removeAt(index), s.routes, s.nexthops, s.sysctls);
    }

    /** "sport N" or "sport N-M", as iproute2 takes them. */
    private static Option<Rule.Ports> ports(Words w, String key) {
        if (!w.peek(key)) return Option.none();
        w.next();
        String[] fl = w.next().split("-", 2);
        return Option.some(new Rule.Ports(parsePositive(fl[0]), parsePositive(fl[fl.length - 1])));
    }

    /** As `ip rule del` matches: each selector given must be the rule's; one not given matches any. */
    private static boolean matches(Rule.Match given, Rule.Match rule) {
        return given.to().forAll(x -> rule.to().contains(x)) && given.ipproto().forAll(x -> rule.ipproto().contains(x))
                && given.sport().forAll(x -> rule.sport().contains(x)) && given.dport().forAll(x -> rule.dport().contains(x));
    }

    /** The kernel puts a new rule after every rule of the same or a lower priority. */
    private static List<Rule> insertRule(List<Rule> rules, Rule r) {
        int at = rules.lastIndexWhere(x -> x.priority() <= r.priority()) + 1;
        return rules.insert(at, r);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    static int protocolOf(KernelObject o) {
        if (o instanceof Nexthop n) return n.protocol();
        if (o instanceof NexthopGroup g) return g.protocol();
        throw new IllegalArgumentException("not a nexthop: " + o);
    }

    static int idOf(KernelObject o) {
        if (o instanceof Nexthop n) return n.id();
        if (o instanceof NexthopGroup g) return g.id();
        throw new IllegalArgumentException("not a nexthop: " + o);
    }

    private static int parsePositive(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n <= 0) throw new Refused("not a positive number: " + s);
            return n;
        } catch (NumberFormatException e) {
            throw new Refused("not a number: " + s);
        }
    }

    /** The kernel (or the fake) said no. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** A cursor over one batch line's words; every word must be consumed. */
    private final class Words {
        private final String[] words;
        private int i;

        Words(String line) {
            if (!line.equals(line.strip()) || line.contains("  ")) throw new Refused("badly spaced line: '" + line + "'");
            this.words = line.split(" ");
        }

        String next() {
            if (i >= words.length) throw new Refused("line ends too early: " + String.join(" ", words));
            return words[i++];
        }

        boolean peek(String word) {
            return i < words.length && words[i].equals(word);
        }

        /** Takes the word if it comes next. */
        boolean flag(String word) {
            if (!peek(word)) return false;
            i++;
            return true;
        }

        void expect(String word) {
            String got = next();
            if (!got.equals(word)) throw new Refused("expected " + word + " but got " + got + " in: " + String.join(" ", words));
        }

        void end() {
            if (i != words.length) throw new Refused("unexpected words: " + String.join(" ", Arrays.copyOfRange(words, i, words.length)));
        }

        int positiveInt() {
            return parsePositive(next());
        }

        long unsignedInt() {
            String s = next();
            try {
                long n = Long.parseLong(s);
                if (n < 0 || n > 4294967295L) throw new Refused("out of range: " + s);
                return n;
            } catch (NumberFormatException e) {
                throw new Refused("not a number: " + s);
            }
        }

        int unsignedIntAsInt() {
            long n = unsignedInt();
            if (n > Integer.MAX_VALUE) throw new Refused("out of range: " + n);
            return (int) n;
        }

        int proto() {
            expect("proto");
            String p = next();
            int n = parsePositive(p);
            if (n > 255) throw new Refused("Error: \"proto\" value is invalid");
            return n;
        }

        String ipv4() {
            String s = next();
            if (!IPV4.matcher(s).matches()) throw new Refused("Error: inet address is expected rather than \"" + s + "\".");
            return s;
        }

        String device() {
            String d = next();
            if (!devices.containsKey(d)) throw new Refused("Cannot find device \"" + d + "\"");
            if (!devices.get(d).get().up()) throw new Refused("Error: Nexthop device is not up.");
            return d;
        }
    }
}
