package mlb.compile;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.engine.Reconciler;
import mlb.kernel.FakeKernel;
import mlb.model.Change;
import mlb.model.KernelObject;
import mlb.model.Kind;
import mlb.model.NetState;
import mlb.model.NexthopGroup;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.Rule;
import mlb.model.StateArbitraries;
import mlb.plan.Diff;
import mlb.plan.Plan;
import mlb.spec.Balancer;
import mlb.spec.Check;
import mlb.spec.Link;
import mlb.spec.Spec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compiled specs, and every move from one compiled spec to another, on the fake kernel through the reconciler. */
class CompileProperties {
    private static final String[] NAMES = {"isp1", "isp2", "lte", "dsl"};
    private static final String[] PINS = {"198.51.100.0/24", "198.51.100.7/32", "10.77.50.0/24"};

    /** A spec and whether the kernel it runs on has resilient groups. */
    record Setup(Spec spec, boolean resilient) {
        @Override
        public String toString() {
            return spec.links().map(l -> l.name() + "(" + l.dev() + " w" + l.weight() + l.table().map(t -> " table " + t).getOrElse("")
                    + (l.routes().isEmpty() ? "" : " pins " + l.routes().mkString(",")) + ")").mkString(" ")
                    + " hash=" + spec.balancer().hash() + " lastResort=" + spec.balancer().lastResort() + " resilient=" + resilient;
        }
    }

    @Provide
    Arbitrary<Setup> setups() {
        Arbitrary<Link> link = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 256),
                Arbitraries.of(false, false, true), Arbitraries.integers().between(-1, 2)).as((i, weight, explicit, pin) ->
                new Link(NAMES[i], "wan" + (i + 1), "198.18." + (i + 1) + ".1", weight,
                        explicit ? Option.some(230 + i) : Option.none(), Option.none(),
                        pin < 0 ? List.empty() : List.of(PINS[pin]), Check.none()));
        Arbitrary<List<Link>> links = link.list().ofMinSize(1).ofMaxSize(4).map(ls -> {
            // names, devices and pinned prefixes are unique in a valid spec (the parser makes sure)
            List<Link> out = List.empty();
            for (Link l : ls) {
                boolean clash = out.exists(o -> o.name().equals(l.name()) || o.routes().exists(l.routes()::contains));
                if (!clash) out = out.append(l);
            }
            return out;
        });
        Arbitrary<Balancer> balancers = Combinators.combine(Arbitraries.of(Balancer.Hash.class), Arbitraries.of(Balancer.LastResort.class))
                .as((h, lr) -> new Balancer(Balancer.Mode.ROUTE, h, 10000, 250, 200, lr));
        return Combinators.combine(links, balancers, Arbitraries.of(true, true, false))
                .as((ls, b, res) -> new Setup(new Spec(b, ls, ""), res));
    }

    /** Route-mode setups and connmark ones (no pins, no "unreachable", which connmark mode refuses). */
    @Provide
    Arbitrary<Setup> anyMode() {
        Arbitrary<mlb.spec.Connmark> connmark = Combinators.combine(Arbitraries.of(mlb.spec.Connmark.Distribution.class),
                Arbitraries.of(true, false), Arbitraries.of(List.<mlb.spec.Connmark.Helper>empty(), mlb.spec.Connmark.Helper.KNOWN.take(2)),
                Arbitraries.of(java.time.Duration.ZERO, java.time.Duration.ofMinutes(10)))
                .as((d, local, helpers, sticky) -> new mlb.spec.Connmark(d, List.of("10.77.0.0/24"), local, 0x00ff0000L, "mlb",
                        helpers, sticky));
        return Combinators.combine(setups(), connmark, Arbitraries.of(true, false)).as((s, c, marks) -> {
            if (!marks) return s;
            Balancer b = s.spec().balancer();
            Balancer.LastResort lr = b.lastResort() == Balancer.LastResort.UNREACHABLE ? Balancer.LastResort.MAIN : b.lastResort();
            Balancer cm = new Balancer(Balancer.Mode.CONNMARK, b.hash(), 10000, 250, 200, lr).with(c);
            List<Link> links = s.spec().links().map(l -> new Link(l.name(), l.dev(), l.gateway(), l.weight(), l.table(),
                    l.source(), List.empty(), l.check()));
            return new Setup(new Spec(cm, links, ""), s.resilient());
        });
    }

    private static FakeKernel kernel(boolean resilient) {
        return new FakeKernel(250, HashMap.of("wan1", Option.some("198.18.1.2"), "wan2", Option.some("198.18.2.2"),
                "wan3", Option.some("198.18.3.2"), "wan4", Option.some("198.18.4.2")), resilient);
    }

    /** Objects of other protocols where mlb's go: one is identical to a rule mlb makes but for the protocol. */
    private static List<KernelObject> foreign() {
        return List.of(
                new Rule(10010, Option.some("198.18.1.2"), Option.none(), Option.none(), 201, Option.none(), 4),
                new Rule(500, Option.some("10.77.1.0/24"), Option.none(), Option.none(), 300, Option.none(), 4),
                new Route(254, "default", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 3),
                new Route(201, "default", 100, new RouteTarget.Gateway("198.18.2.1", "wan2"), 4),
                new Route(200, "10.77.9.0/24", 0, new RouteTarget.Gateway("198.18.2.1", "wan2"), 4));
    }

    private static NetState desired(Reconciler r, Setup s) {
        var v = r.compile(s.spec());
        if (v.isInvalid()) throw new AssertionError("does not compile: " + v.getError());
        return v.get().desired();
    }

    @Property(tries = 300)
    void fromAnyCompiledSpecToAnyOtherThroughValidStates(@ForAll("anyMode") Setup from, @ForAll("anyMode") Setup to) {
        FakeKernel k = kernel(to.resilient()).with(foreign());
        Reconciler r = new Reconciler(k.kernel());
        NetState start = desired(new Reconciler(kernel(from.resilient()).kernel()), from);
        k.with(start.all().filter(o -> o.kind() != Kind.SYSCTL).toList());
        String foreignBefore = k.state().foreignText(250);
        NetState target = desired(r, to);
        // the scope of the last apply joins the spec's, as the engine does with the history's last entry
        var planned = r.plan(target, Compiler.scope(to.spec().balancer()).union(Compiler.scope(from.spec().balancer())), List.empty());
        if (planned.isInvalid()) throw new AssertionError("conflict: " + planned.getError());
        Plan plan = planned.get();
        Reconciler.Applied o = r.apply(plan);
        assertEquals(plan.isEmpty() ? ApplyResult.Outcome.UNCHANGED : ApplyResult.Outcome.APPLIED, o.outcome(), () -> o.failure() + "\n" + StateArbitraries.show(start)
                + "->\n" + StateArbitraries.show(target));
        assertTrue(k.invalidIntermediateStates().isEmpty(), () -> k.invalidIntermediateStates().mkString("\n"));
        assertTrue(k.cascades().isEmpty(), "mlb never needs to replace a group: type changes move to another id");
        assertEquals(foreignBefore, k.state().foreignText(250));
        NetState wanted = StateArbitraries.withoutSysctls(target);
        assertEquals(new NetState(wanted.objects().filter((key, x) -> !key.kind().nft())), k.state().ofProtocol(250));
        assertEquals(new NetState(wanted.objects().filter((key, x) -> key.kind().nft())), NetState.of(k.nft().objects()));
        Statistics.label("group type").collect(from.resilient() == to.resilient() ? "same" : "changes");
        Statistics.label("changes").collect(plan.changes().isEmpty() ? "none" : plan.changes().size() < 6 ? "few" : "many");
    }

    /** Marks, slots and chains come from link names and weights, never from the order of links in the file. */
    @Property(tries = 100)
    void aConnmarkStateIsIndependentOfFileOrder(@ForAll("anyMode") Setup s, @ForAll Random random) {
        java.util.List<Link> order = new java.util.ArrayList<>(s.spec().links().asJava());
        java.util.Collections.shuffle(order, random);
        List<Link> shuffled = List.ofAll(order);
        Reconciler r = new Reconciler(kernel(s.resilient()).kernel());
        Setup other = new Setup(new Spec(s.spec().balancer(), shuffled, ""), s.resilient());
        assertEquals(desired(r, s), desired(r, other), () -> s.spec().balancer() + "\n" + other.spec().balancer() + "\n" + s + "\n" + other);
    }

    @Property(tries = 200)
    void aCompiledStateHasOneBalancingGroupWithEveryLinkAtItsWeight(@ForAll("setups") Setup s) {
        NetState d = desired(new Reconciler(kernel(s.resilient()).kernel()), s);
        List<NexthopGroup> groups = d.all(NexthopGroup.class).toList();
        assertEquals(1, groups.size());
        NexthopGroup g = groups.head();
        assertEquals(s.resilient(), g.resilient());
        Layout layout = Layout.of(s.spec().balancer(), s.spec().links());
        assertEquals(s.spec().links().map(l -> new NexthopGroup.Member(layout.nexthopId(l), l.weight())).sortBy(NexthopGroup.Member::id),
                g.members());
        assertTrue(d.get(new Route(200, "default", 0, new RouteTarget.Group(g.id()), 250).key())
                .contains(new Route(200, "default", 0, new RouteTarget.Group(g.id()), 250)));
        Set<Integer> tables = new java.util.HashSet<>(layout.tables().values().toJavaList());
        assertEquals(s.spec().links().size(), tables.size(), "one table per link: " + layout.tables());
        assertTrue(tables.stream().noneMatch(t -> t == 200 || t >= 253 && t <= 255), "never the balancing or a kernel table");
    }

    /** Taking links out of the balancing (the monitor) is one in-place change of the group: only their flows move. */
    @Property(tries = 300)
    void takingLinksOutIsOneInPlaceGroupChangeAndBackAgain(@ForAll("setups") Setup s, @ForAll Random random) {
        Facts facts = facts(s.resilient());
        NetState all = Compiler.compile(s.spec(), facts).get().desired();
        List<String> names = s.spec().links().map(Link::name);
        io.vavr.collection.Set<String> live = io.vavr.collection.HashSet.ofAll(names.filter(n -> random.nextBoolean()));
        Assume.that(!live.isEmpty() && live.size() < names.size());
        NetState some = Compiler.compile(s.spec(), facts, Option.some(live)).get().desired();
        List<Change> out = Diff.changes(all, some);
        assertEquals(1, out.size(), () -> "taking " + names.removeAll(live) + " out: " + out);
        assertTrue(out.head() instanceof Change.Update u && u.after() instanceof NexthopGroup g
                && g.members().size() == live.size(), out::toString);
        assertEquals(1, Diff.changes(some, all).size(), "and putting them back");
    }

    @Test
    void everyLinkDownFollowsLastResort() {
        Link a = new Link("isp1", "wan1", "198.18.1.1", 1, Option.none(), Option.none(), List.empty(), Check.none());
        Link b = new Link("isp2", "wan2", "198.18.2.1", 1, Option.none(), Option.none(), List.of("198.51.100.0/24"), Check.none());
        Option<io.vavr.collection.Set<String>> none = Option.some(io.vavr.collection.HashSet.empty());
        for (Balancer.LastResort lr : Balancer.LastResort.values()) {
            Balancer bal = new Balancer(Balancer.Mode.ROUTE, Balancer.Hash.L4, 10000, 250, 200, lr);
            NetState full = Compiler.compile(new Spec(bal, List.of(a, b), ""), facts(true)).get().desired();
            NetState down = Compiler.compile(new Spec(bal, List.of(a, b), ""), facts(true), none).get().desired();
            Link bNoPins = new Link("isp2", "wan2", "198.18.2.1", 1, Option.none(), Option.none(), List.empty(), Check.none());
            NetState downNoPins = Compiler.compile(new Spec(bal, List.of(a, bNoPins), ""), facts(true), none).get().desired();
            switch (lr) {
                case KEEP -> assertEquals(full, down, "keep: nothing changes, the targets may be what failed");
                case MAIN -> {
                    assertTrue(down.all(NexthopGroup.class).isEmpty(), "no group: lookups fall through to main");
                    assertTrue(down.all(Rule.class).exists(r -> r.table() == 200), "a pin left in table 200 keeps its rule");
                    assertTrue(downNoPins.all(Rule.class).forAll(r -> r.table() != 200), "no rule points at an empty table");
                }
                case UNREACHABLE -> {
                    assertTrue(down.all(NexthopGroup.class).isEmpty());
                    assertTrue(down.all(Route.class).exists(r -> r.target() instanceof RouteTarget.Unreachable));
                    assertTrue(down.all(Rule.class).exists(r -> r.table() == 200));
                }
            }
        }
    }

    private static Facts facts(boolean resilient) {
        return TestFacts.fourLinks(resilient);
    }

    @Test
    void tablesSkipExplicitOnesAndNumbersAreIndependentOfFileOrder() {
        Link a = new Link("a", "wan1", "198.18.1.1", 1, Option.none(), Option.none(), List.empty(), Check.none());
        Link b = new Link("b", "wan2", "198.18.2.1", 1, Option.some(201), Option.none(), List.empty(), Check.none());
        Link c = new Link("c", "wan3", "198.18.3.1", 1, Option.none(), Option.none(), List.empty(), Check.none());
        Balancer base = new Balancer(Balancer.Mode.ROUTE, Balancer.Hash.L4, 10000, 250, 200, Balancer.LastResort.MAIN);
        Layout l = Layout.of(base, List.of(c, b, a));
        assertEquals(HashMap.of("a", 202, "b", 201, "c", 203), HashMap.ofEntries(l.tables()));
        Balancer high = new Balancer(Balancer.Mode.ROUTE, Balancer.Hash.L4, 10000, 250, 251, Balancer.LastResort.MAIN);
        assertEquals(List.of(252, 256), Layout.of(high, List.of(a, c)).tables().values().toList(),
                "253, 254 and 255 are the kernel's");
        assertEquals(200, Layout.of(base, List.of(a)).groupId(true));
        assertEquals(1_000_200, Layout.of(base, List.of(a)).groupId(false));
    }

    @Test
    void withoutResilientGroupsThePlanSaysWhy() {
        Link a = new Link("isp1", "wan1", "198.18.1.1", 1, Option.none(), Option.none(), List.empty(), Check.none());
        Spec spec = new Spec(Balancer.defaults(), List.of(a), "");
        Compiler.Compiled c = new Reconciler(kernel(false).kernel()).compile(spec).get();
        assertTrue(c.notes().head().contains("no resilient nexthop groups"), c.notes().toString());
        assertTrue(new Reconciler(kernel(true).kernel()).compile(spec).get().notes().isEmpty());
    }

    @Test
    void aTableTooLargeForNexthopIdsIsAnError() {
        Link a = new Link("isp1", "wan1", "198.18.1.1", 1, Option.some(Layout.PLAIN_GROUP_OFFSET), Option.none(), List.empty(), Check.none());
        List<mlb.spec.Diagnostic> errors = new Reconciler(kernel(true).kernel()).compile(new Spec(Balancer.defaults(), List.of(a), "")).getError();
        assertEquals(1, errors.size());
        assertTrue(errors.head().toString().startsWith("link isp1: table 1000000 is too large"), errors.head().toString());
        assertEquals(mlb.spec.Code.TABLE_TOO_LARGE, errors.head().code());
        assertEquals("link[0].table", errors.head().keyPath());
    }
}
