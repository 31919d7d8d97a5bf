package mlb.plan;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.engine.ApplyResult;
import mlb.engine.Reconciler;
import mlb.compile.Compiler;
import mlb.compile.Facts;
import mlb.compile.TestFacts;
import mlb.kernel.FakeKernel;
import mlb.kernel.Written;
import mlb.model.Change;
import mlb.model.KernelObject;
import mlb.model.Kind;
import mlb.model.NetState;
import mlb.model.NexthopGroup;
import mlb.model.ObjectKey;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.StateArbitraries;
import mlb.model.StateArbitraries.Pair;
import mlb.model.StateJson;
import mlb.model.Sysctl;
import mlb.spec.Balancer;
import mlb.spec.Check;
import mlb.spec.Link;
import mlb.spec.Spec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Properties of the diff engine, checked by running its rendered commands on a kernel that refuses bad order. */
class DiffProperties {
    private static final int P = StateArbitraries.P;
    private static final mlb.model.Scope SCOPE = StateArbitraries.SCOPE;

    @Provide
    Arbitrary<NetState> states() {
        return StateArbitraries.states(true);
    }

    @Provide
    Arbitrary<Pair> pairs() {
        return StateArbitraries.pairs(false);
    }

    @Provide
    Arbitrary<Pair> pairsWithBucketChanges() {
        return Arbitraries.oneOf(StateArbitraries.pairs(true), StateArbitraries.bucketChanges());
    }

    @Property(tries = 300)
    void aStateAgainstItselfPlansNothing(@ForAll("states") NetState s) {
        List<Change> changes = Diff.changes(s, s);
        assertTrue(changes.isEmpty(), () -> "plan(s, s) is not empty: " + changes + "\n" + StateJson.text(s));
    }

    /** Groups never change type or bucket count here: every state the kernel passes through must be valid. */
    @Property(tries = 600)
    void theRenderedPlanTurnsCurrentIntoDesiredThroughValidStates(@ForAll("pairs") Pair p) {
        FakeKernel kernel = kernelHolding(p.current());
        String foreignBefore = kernel.state().foreignText(P);
        Plan plan = Plan.of(p.current(), p.desired(), List.empty(), SCOPE);
        List<String> commands = commands(kernel, plan);
        Written r = kernel.write(plan.changes());
        assertTrue(r.ok(), () -> "the kernel refused " + r.failure().get() + explain(p, commands, kernel));
        assertReached(p.desired(), kernel, commands, p);
        List<String> invalid = kernel.invalidIntermediateStates();
        assertTrue(invalid.isEmpty(), () -> "invalid intermediate states:\n  " + invalid.mkString("\n  ") + explain(p, commands, kernel));
        assertTrue(kernel.cascades().isEmpty(), () -> "no group is replaced, yet routes were dropped: " + kernel.cascades());
        assertEquals(foreignBefore, kernel.state().foreignText(P), () -> "foreign objects changed" + explain(p, commands, kernel));
        Statistics.label("changes").collect(plan.changes().size() == 0 ? "none" : plan.changes().size() < 5 ? "1-4" : "5+");
    }

    /**
     * Resilient groups whose bucket count changes must be deleted and created again; the kernel then drops every
     * route through them, and Diff must bring those routes back. The only invalid states allowed are the window
     * between deleting such a group and recreating its routes, and only for tables whose routes went through it.
     */
    @Property(tries = 600, shrinking = ShrinkingMode.FULL)
    void replacedGroupsTakeTheirRoutesAlongAndBringThemBack(@ForAll("pairsWithBucketChanges") Pair p) {
        FakeKernel kernel = kernelHolding(p.current());
        String foreignBefore = kernel.state().foreignText(P);
        Plan plan = Plan.of(p.current(), p.desired(), List.empty(), SCOPE);
        List<String> commands = commands(kernel, plan);
        Written r = kernel.write(plan.changes());
        assertTrue(r.ok(), () -> "the kernel refused " + r.failure().get() + explain(p, commands, kernel));
        assertReached(p.desired(), kernel, commands, p);
        assertEquals(foreignBefore, kernel.state().foreignText(P), () -> "foreign objects changed" + explain(p, commands, kernel));
        Set<Integer> replaced = replacedGroups(plan);
        Set<Integer> tablesThroughReplaced = new TreeSet<>(p.current().all(Route.class)
                .filter(rt -> rt.target() instanceof RouteTarget.Group g && replaced.contains(g.nhid()))
                .map(Route::table).asJava());
        for (String bad : kernel.invalidIntermediateStates()) {
            boolean explained = tablesThroughReplaced.stream().anyMatch(t -> bad.contains("points to table " + t + " which"))
                    && !bad.contains("uses missing") && !bad.contains("not a nexthop");
            assertTrue(explained, () -> "invalid state not caused by a group replacement: " + bad + explain(p, commands, kernel));
        }
        boolean routesRecreated = plan.changes().exists(c -> c instanceof Change.Replace rep && rep.before().equals(rep.after()));
        Statistics.label("groups replaced").collect(!replaced.isEmpty());
        Statistics.label("routes recreated").collect(routesRecreated);
        Statistics.label("groups replaced").coverage(c -> c.check(true).percentage(pct -> pct > 20));
        Statistics.label("routes recreated").coverage(c -> c.check(true).percentage(pct -> pct > 10));
    }

    @Property(tries = 600)
    void onlyDifferencesArePlannedEachOnce(@ForAll("pairsWithBucketChanges") Pair p) {
        NetState c = p.current();
        NetState d = p.desired();
        Plan plan = Plan.of(c, d, List.empty(), SCOPE);
        Set<Integer> replaced = replacedGroups(plan);
        java.util.Map<ObjectKey, Integer> seen = new java.util.HashMap<>();
        for (Change ch : plan.changes()) {
            seen.merge(ch.key(), 1, Integer::sum);
            Option<KernelObject> before = c.get(ch.key());
            Option<KernelObject> after = d.get(ch.key());
            if (ch instanceof Change.Create cr) {
                assertTrue(before.isEmpty(), "create of an object that exists: " + ch);
                assertEquals(after.get(), cr.after());
            } else if (ch instanceof Change.Delete del) {
                assertTrue(after.isEmpty(), "delete of an object that is desired: " + ch);
                assertEquals(before.get(), del.before());
                assertTrue(ch.key().kind() != Kind.SYSCTL, "a sysctl deleted: " + ch);
            } else {
                KernelObject b = ch instanceof Change.Update u ? u.before() : ((Change.Replace) ch).before();
                assertEquals(before.get(), b, "the before side is what current holds");
                assertEquals(after.get(), ch.subject(), "the after side is what desired holds");
                if (b.equals(ch.subject())) {
                    boolean recreated = ch instanceof Change.Replace && b instanceof Route rt
                            && rt.target() instanceof RouteTarget.Group g && replaced.contains(g.nhid());
                    assertTrue(recreated, "an equal object planned without its group being replaced: " + ch + p);
                }
            }
        }
        seen.forEach((k, n) -> assertEquals(1, n, "planned more than once: " + k + p));
        for (ObjectKey k : c.objects().keySet().addAll(d.objects().keySet())) {
            boolean differs = !c.get(k).equals(d.get(k));
            boolean sysctlOnlyInCurrent = k.kind() == Kind.SYSCTL && d.get(k).isEmpty();
            if (differs && !sysctlOnlyInCurrent) assertTrue(seen.containsKey(k), "a difference not planned: " + k + p);
        }
    }

    /**
     * Through the reconciler: a failure injected at any command is reverted, and the kernel ends where it began
     * (owned and foreign objects alike), passing only through valid states when no group is replaced (when one
     * is, its routes are missing for a moment both ways, see the property above).
     */
    @Property(tries = 400)
    void aFailureAtAnyCommandIsRevertedToTheStateBefore(@ForAll("pairsWithBucketChanges") Pair p, @ForAll Random random) {
        FakeKernel kernel = kernelHolding(p.current());
        FakeKernel.State start = kernel.state();
        Reconciler reconciler = new Reconciler(kernel.kernel());
        Plan plan = reconciler.plan(p.desired(), SCOPE, List.empty()).get();
        int n = commands(kernel, plan).size();
        if (n == 0) return;
        int failAt = 1 + random.nextInt(n);
        kernel.failAt(failAt);
        Reconciler.Applied o = reconciler.apply(plan);
        assertEquals(ApplyResult.Outcome.REVERTED, o.outcome(), () -> "failing command " + failAt + " of " + n + ": " + o.failure()
                + explain(p, commands(kernel, plan), kernel));
        assertEquals(start.foreignText(P), kernel.state().foreignText(P), "foreign objects changed");
        assertEquals(start.ofProtocol(P), kernel.state().ofProtocol(P), () -> "owned objects not restored" + p);
        for (Sysctl s : plan.current().all(Sysctl.class)) {
            assertEquals(s.value(), kernel.state().sysctls().get(s.name()).get(), "sysctl not restored: " + s.name());
        }
        if (replacedGroups(plan).isEmpty()) {
            List<String> invalid = kernel.invalidIntermediateStates();
            assertTrue(invalid.isEmpty(), () -> "invalid intermediate states:\n  " + invalid.mkString("\n  ") + p);
        }
    }

    // ---- order of links ----------------------------------------------------------------------------------

    record Scenario(List<Link> links, Balancer balancer, boolean resilient, NetState current, long seed) {
        @Override
        public String toString() {
            return "links=" + links.map(l -> l.name() + "(" + l.dev() + " w" + l.weight() + l.table().map(t -> " table " + t).getOrElse("")
                    + " " + l.routes().mkString(",") + ")") + " hash=" + balancer.hash() + " lastResort=" + balancer.lastResort()
                    + " resilient=" + resilient + " seed=" + seed + "\ncurrent:\n" + StateArbitraries.show(current);
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        String[] names = {"isp1", "isp2", "lte", "dsl"};
        String[] pins = {"198.51.100.0/24", "198.51.100.7/32", "10.77.50.0/24"};
        Arbitrary<List<Link>> links = Combinators.combine(
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 256).list().ofSize(4),
                Arbitraries.integers().between(-1, 3).list().ofSize(3),
                Arbitraries.of(false, true).list().ofSize(4)).as((count, weights, pinOwner, explicitTable) -> {
            List<Link> out = List.empty();
            for (int i = 0; i < count; i++) {
                int idx = i;
                List<String> routes = List.range(0, pins.length).filter(j -> pinOwner.get(j) == idx).map(j -> pins[j]);
                out = out.append(new Link(names[i], "wan" + (i + 1), "198.18." + (i + 1) + ".1", weights.get(i),
                        explicitTable.get(i) ? Option.some(230 - i) : Option.none(), Option.none(), routes, Check.none()));
            }
            return out;
        });
        Arbitrary<Balancer> balancers = Combinators.combine(Arbitraries.of(Balancer.Hash.class), Arbitraries.of(Balancer.LastResort.class))
                .as((h, lr) -> new Balancer(Balancer.Mode.ROUTE, h, 10000, P, 200, lr));
        return Combinators.combine(links, balancers, Arbitraries.of(false, true), StateArbitraries.states(false),
                Arbitraries.longs()).as(Scenario::new);
    }

    @Property(tries = 200)
    void planOutputDoesNotDependOnTheOrderOfLinks(@ForAll("scenarios") Scenario s) {
        java.util.List<Link> shuffled = new ArrayList<>(s.links().asJava());
        Collections.shuffle(shuffled, new Random(s.seed()));
        Facts facts = TestFacts.fourLinks(s.resilient());
        Plan given = planFor(new Spec(s.balancer(), s.links(), ""), facts, s.current());
        Plan permuted = planFor(new Spec(s.balancer(), List.ofAll(shuffled), ""), facts, s.current());
        assertEquals(PlanText.render(given), PlanText.render(permuted), () -> "order " + List.ofAll(shuffled).map(Link::name));
        FakeKernel k = FakeKernel.standard();
        assertEquals(commands(k, given), commands(k, permuted));
        assertTrue(!given.desired().isEmpty());
    }

    private static Plan planFor(Spec spec, Facts facts, NetState current) {
        Validation<List<mlb.spec.Diagnostic>, Compiler.Compiled> c = Compiler.compile(spec, facts);
        if (c.isInvalid()) fail("does not compile: " + c.getError());
        return Plan.of(current, c.get().desired(), c.get().notes(), c.get().scope());
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    static FakeKernel kernelHolding(NetState current) {
        return FakeKernel.standard().with(StateArbitraries.foreign()).with(current.all().toList());
    }

    private static Set<Integer> replacedGroups(Plan plan) {
        return new TreeSet<>(plan.changes().filter(c -> c instanceof Change.Replace r && r.before() instanceof NexthopGroup)
                .map(c -> ((NexthopGroup) c.subject()).id()).asJava());
    }

    /** The kernel holds exactly the desired owned objects, and the desired sysctl values. */
    private static List<String> commands(FakeKernel kernel, Plan plan) {
        return kernel.kernel().commands(plan.changes()).get();
    }

    private static void assertReached(NetState desired, FakeKernel kernel, List<String> commands, Pair p) {
        NetState withoutSysctls = StateArbitraries.withoutSysctls(desired);
        NetState got = kernel.state().ofProtocol(P);
        assertEquals(withoutSysctls, got, () -> "the kernel does not hold the desired state; it holds:\n"
                + StateArbitraries.show(got) + explain(p, commands, kernel));
        for (Sysctl s : desired.all(Sysctl.class)) {
            assertEquals(s.value(), kernel.state().sysctls().get(s.name()).get(), "sysctl " + s.name());
        }
    }

    private static String explain(Pair p, List<String> commands, FakeKernel kernel) {
        return "\n" + p + "commands:\n  " + commands.mkString("\n  ")
                + (kernel.cascades().isEmpty() ? "" : "\nkernel cascades: " + kernel.cascades())
                + "\ncurrent as JSON:\n" + StateJson.text(p.current()) + "desired as JSON:\n" + StateJson.text(p.desired());
    }

}
