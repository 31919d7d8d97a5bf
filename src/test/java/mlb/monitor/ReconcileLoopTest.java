package mlb.monitor;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.engine.Approval;
import mlb.engine.Engine;
import mlb.engine.FakeWatchers;
import mlb.engine.MovableClock;
import mlb.engine.PlanResult;
import mlb.engine.Workspace;
import mlb.history.MonitorView;
import mlb.kernel.FakeKernel;
import mlb.model.NexthopGroup;
import mlb.monitor.conntrack.FakeConntrack;
import mlb.monitor.health.TargetResult;
import mlb.monitor.hook.FakeHooks;
import mlb.monitor.hook.HookEvent;
import mlb.proc.Target;
import mlb.spec.Spec;
import mlb.spec.SpecParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor's decisions over the fake kernel, rounds fed by hand: a dead link leaves the group in one in-place
 * change and comes back, every link down keeps the balancing, a pending confirm holds the monitor, a link out past
 * the grace period loses its conntrack entries (only its own), hooks hear the events, and a person's plan honours
 * the monitor's view.
 */
class ReconcileLoopTest {
    @TempDir
    Path tmp;
    final FakeKernel kernel = FakeKernel.standard();
    final MovableClock clock = new MovableClock();
    final FakeConntrack conntrack = new FakeConntrack();
    final FakeHooks hooks = new FakeHooks();
    final java.util.List<String> log = new ArrayList<>();
    Workspace ws;
    Engine engine;
    ReconcileLoop loop;
    Spec spec;
    Path file;

    private static final String SPEC = """
            [monitor]
            conntrack_grace = "20s"
            [[hook]]
            argv = ["/bin/true"]
            [[link]]
            name = "isp1"
            dev = "wan1"
            gateway = "198.18.1.1"
            weight = 2
            [link.check]
            targets = ["198.19.0.1"]
            [[link]]
            name = "isp2"
            dev = "wan2"
            gateway = "198.18.2.1"
            weight = 3
            [link.check]
            targets = ["198.19.0.1", "198.19.0.2"]
            [[link]]
            name = "isp3"
            dev = "wan3"
            gateway = "198.18.3.1"
            weight = 5
            """;

    @BeforeEach
    void monitorOnAnAppliedSpec() throws IOException {
        file = Files.writeString(tmp.resolve("home.toml"), SPEC);
        spec = SpecParser.parse(file).get();
        ws = new Workspace(tmp.resolve("state"), t -> kernel.kernel(), new FakeWatchers(), clock, "tester", "router");
        EngineEvents heard = new EngineEvents(logTo(), clock);
        engine = new Engine(ws, Target.netns("lab"), heard);
        assertEquals(ApplyResult.Outcome.APPLIED, engine.apply(spec, file, Option.none(), Approval.ALWAYS).get().outcome());
        Monitored m = Monitored.of(spec, file, kernel);
        ReconcileLoop[] self = new ReconcileLoop[1];
        Reactions reactions = new Reactions(hooks, conntrack, logTo(), () -> self[0].monitored(),
                new MonitorMetrics(Option::none, clock));
        loop = self[0] = new ReconcileLoop(engine, heard, m, clock, logTo(), reactions);
    }

    private Log logTo() {
        return new Log() {
            public void line(String text) {
                log.add(text);
            }

            public void problem(String text) {
                log.add("problem: " + text);
            }
        };
    }

    private void round(String link, boolean answered) {
        Probed p = loop.monitored().probed().get(link).get();
        clock.advance(Duration.ofMillis(500));
        loop.round(p, new mlb.monitor.health.Round(clock.instant(), p.policy().targets().map(t -> answered
                ? (TargetResult) new TargetResult.Answered(t, Duration.ofMillis(12)) : new TargetResult.Failed(t, "timeout"))));
    }

    private void rounds(int n, boolean isp1, boolean isp2) {
        for (int i = 0; i < n; i++) {
            round("isp1", isp1);
            round("isp2", isp2);
        }
    }

    private long journaled() {
        Path journal = tmp.resolve("state").resolve("netns-lab").resolve("journal");
        if (!Files.isDirectory(journal)) return 0;
        try (var entries = Files.list(journal)) {
            return entries.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private java.util.List<Integer> members() {
        return ((NexthopGroup) kernel.state().nexthops().get(200).get()).members().map(NexthopGroup.Member::id).asJava();
    }

    @Test
    void aDeadLinkLeavesInOneChangeAndComesBack() {
        rounds(3, true, true);
        int before = kernel.executed().size();
        assertEquals(java.util.List.of(201, 202, 203), members(), "settled, and nothing to do");
        assertEquals(1, engine.history().get().entries().size(), "nothing to do is recorded nowhere");
        assertEquals(0, journaled(), "settling rehearses the journal's encoding and writes nothing");
        rounds(3, true, false);
        assertEquals(java.util.List.of(201, 203), members());
        assertEquals(before + 1, kernel.executed().size(), "one in-place group change: " + kernel.executed());
        assertTrue(kernel.executed().last().startsWith("ip nexthop replace id 200 group 201,2/203,5"));
        assertTrue(log.stream().anyMatch(l -> l.equals("isp2 down: 3/3 rounds lost, last rtt 12 ms")), log::toString);
        assertEquals("monitor: isp2 out (isp2 down: 3/3 rounds lost, last rtt 12 ms): 0 to add, 1 to change, 0 to destroy",
                engine.history().get().entries().head().title());
        rounds(3, true, true);
        assertEquals(java.util.List.of(201, 202, 203), members());
        assertTrue(kernel.invalidIntermediateStates().isEmpty());
        assertEquals(java.util.List.of(HookEvent.Kind.UP, HookEvent.Kind.UP, HookEvent.Kind.DOWN, HookEvent.Kind.UP),
                hooks.events().stream().map(HookEvent::kind).toList(), "settling counts as up");
    }

    @Test
    void aDeviceThatGoesDownLeavesAtOnceThoughItsFactsWereRemembered() {
        rounds(3, true, true);
        rounds(1, true, true);
        kernel.deviceDown("wan2");
        assertEquals(java.util.List.of(201, 203), members(), "the kernel itself took the nexthop out");
        rounds(3, true, false);
        assertEquals(java.util.List.of(201, 203), members());
        assertTrue(kernel.state().nexthops().get(202).isEmpty(), "isp2 has no objects while wan2 is down");
        assertTrue(log.stream().noneMatch(l -> l.startsWith("problem:")), log::toString);
        assertTrue(kernel.violations(kernel.state()).isEmpty(), "the rules into isp2's emptied table went too");
        kernel.deviceUp("wan2");
        rounds(3, true, true);
        assertEquals(java.util.List.of(201, 202, 203), members(), "back with the device");
    }

    @Test
    void aCarrierBlipShorterThanDetectionIsRepairedAsSoonAsTheLinkAnswersAgain() {
        rounds(3, true, true);
        kernel.deviceDown("wan2").deviceUp("wan2");
        assertEquals(java.util.List.of(201, 203), members(), "the kernel deleted isp2's nexthop; no verdict changed");
        round("isp2", false);
        assertEquals(java.util.List.of(201, 203), members(), "one lost round is no verdict");
        round("isp2", true);
        assertEquals(java.util.List.of(201, 202, 203), members(), "answering again after a loss makes the monitor look");
        assertTrue(engine.history().get().entries().head().title().startsWith("monitor: every link in (kernel check)"),
                engine.history().get().entries().head()::title);
    }

    @Test
    void theKernelIsCheckedOnceAMinuteWhateverTheRounds() {
        rounds(3, true, true);
        kernel.deviceDown("wan2").deviceUp("wan2");
        loop.tick();
        assertEquals(java.util.List.of(201, 203), members(), "not checked at every tick");
        clock.advance(Duration.ofSeconds(60));
        loop.tick();
        assertEquals(java.util.List.of(201, 202, 203), members());
    }

    @Test
    void aFlappingLinksChangesAreOneCommitPerWindow() {
        rounds(3, true, true);
        rounds(3, true, false);
        assertEquals(2, engine.history().get().entries().size(), "the apply, and the first change at once");
        rounds(3, true, true);
        rounds(3, true, false);
        rounds(3, true, true);
        assertEquals(java.util.List.of(201, 202, 203), members(), "every change reached the kernel at once");
        assertEquals(2, engine.history().get().entries().size(), () -> "the next ones wait to be coalesced: " + engine.history().get().entries().map(e -> e.title()));
        clock.advance(Duration.ofSeconds(10));
        assertTrue(engine.recordHeld(false).get());
        var entries = engine.history().get().entries();
        assertEquals(3, entries.size());
        assertTrue(entries.head().title().matches("monitor: 3 changes in \\d+ s: every link in; isp2 out; every link in"),
                entries.head().title());
    }

    @Test
    void nothingChangesBeforeEveryLinkHasAVerdict() {
        round("isp1", true);
        round("isp1", true);
        round("isp1", true);
        round("isp2", false);
        round("isp2", false);
        assertEquals(java.util.List.of(201, 202, 203), members());
        round("isp2", false);
        assertEquals(java.util.List.of(201, 203), members(), "isp2's first verdict is down");
    }

    @Test
    void anUncheckedLinkStaysLiveWhenTheCheckedOnesGo() {
        rounds(3, true, true);
        rounds(3, false, false);
        assertEquals(java.util.List.of(203), members(), "isp3 has no check: nothing can take it out");
    }

    @Test
    void everyLinkDownKeepsTheBalancingAsItWasAndEachComesBackAlone() throws IOException {
        Path all = Files.writeString(tmp.resolve("all.toml"), SPEC.replace("weight = 5\n", "weight = 5\n[link.check]\ntargets = [\"198.19.0.3\"]\n"));
        loop.reload(Monitored.of(SpecParser.parse(all).get(), all, kernel));
        for (int i = 0; i < 3; i++) {
            round("isp1", true);
            round("isp2", true);
            round("isp3", true);
        }
        for (int i = 0; i < 3; i++) {
            round("isp1", false);
            round("isp2", false);
        }
        assertEquals(java.util.List.of(203), members());
        int before = kernel.executed().size();
        for (int i = 0; i < 3; i++) round("isp3", false);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("all links down: the balancing stays as it was")), log::toString);
        assertEquals(before, kernel.executed().size(), "nothing destructive: the kernel is left as it was");
        assertEquals(java.util.List.of(203), members());
        for (int i = 0; i < 3; i++) round("isp1", true);
        assertEquals(java.util.List.of(201), members(), "isp1 is back at once, without waiting for the others");
    }

    @Test
    void aPendingConfirmHoldsTheMonitorUntilItEnds() throws IOException {
        rounds(3, true, true);
        Path heavier = Files.writeString(tmp.resolve("heavier.toml"), SPEC.replace("weight = 2", "weight = 4"));
        engine.apply(SpecParser.parse(heavier).get(), heavier, Option.some(Duration.ofMinutes(5)), Approval.ALWAYS);
        int before = kernel.executed().size();
        rounds(3, true, false);
        assertEquals(before, kernel.executed().size(), "held: the kernel must be able to return to before the unconfirmed apply");
        assertTrue(loop.holding().isDefined());
        engine.confirm();
        clock.advance(Duration.ofSeconds(2));
        loop.tick();
        assertEquals(java.util.List.of(201, 203), members(), "acts once the apply is confirmed");
        assertTrue(loop.holding().isEmpty());
    }

    @Test
    void aLinkOutPastTheGracePeriodLosesItsConnectionsOnly() throws Exception {
        rounds(3, true, true);
        rounds(3, true, false);
        loop.tick();
        clock.advance(Duration.ofSeconds(19));
        loop.tick();
        assertTrue(conntrack.deleted().isEmpty(), "within the grace period nothing is deleted");
        clock.advance(Duration.ofSeconds(2));
        loop.tick();
        loop.tick();
        assertEquals(java.util.List.of(InetAddress.getByName("198.18.2.2")), conntrack.deleted(), "isp2's, once");
        rounds(3, true, true);
        loop.tick();
        rounds(3, true, false);
        loop.tick();
        clock.advance(Duration.ofSeconds(5));
        loop.tick();
        assertEquals(1, conntrack.deleted().size(), "back within the grace period: nothing more");
    }

    @Test
    void aPersonsPlanHonoursTheMonitorsView() throws IOException {
        rounds(3, true, true);
        rounds(3, true, false);
        new ViewWriter(ws.stateDir(), "netns-lab", clock.instant(), clock, logTo())
                .write(loop.monitored(), loop.fleet(), loop.effective(), loop.holding());
        MonitorView v = MonitorView.read(ws.stateDir(), "netns-lab").get();
        assertEquals(List.of("isp1", "isp3"), v.balancing().toList());
        PlanResult plan = engine.plan(spec, file, Option.none()).get();
        assertTrue(plan.plan().isEmpty(), "a person's plan does not put the dead link back: " + plan.plan().changes());
        assertTrue(plan.plan().notes().exists(n -> n.matches("isp2 stays out of the balancing: mlb monitor \\(pid \\d+\\) has it"
                        + " down since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ \\(3/3 rounds lost, last rtt .*\\)")),
                "a date a person reads, not an instant to the nanosecond: " + plan.plan().notes());
        assertFalse(engine.status().get().monitor().get().view().links().isEmpty());
    }
}
