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

    /** The rounds these cases count (3 of 400 ms), written out so that they do not follow the defaults. */
    private static final String PLAN = "interval = \"400ms\"\ntimeout = \"250ms\"\ndown = 3\nup = 3\n";
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
            %1$s[[link]]
            name = "isp2"
            dev = "wan2"
            gateway = "198.18.2.1"
            weight = 3
            [link.check]
            targets = ["198.19.0.1", "198.19.0.2"]
            %1$s[[link]]
            name = "isp3"
            dev = "wan3"
            gateway = "198.18.3.1"
            weight = 5
            """.formatted(PLAN);

    @BeforeEach
    void monitorOnAnAppliedSpec() throws IOException {
        monitorOn(SPEC);
    }

    private void monitorOn(String text) throws IOException {
        file = Files.writeString(tmp.resolve("home.toml"), text);
        spec = SpecParser.parse(file).get();
        ws = new Workspace(tmp.resolve("state"), t -> kernel.kernel(), new FakeWatchers(), clock, "tester", "router");
        EngineEvents heard = new EngineEvents(logTo(), clock);
        engine = new Engine(ws, Target.netns("lab"), heard);
        var applied = engine.apply(spec, file, Option.none(), Approval.ALWAYS);
        assertTrue(applied.isRight(), () -> applied.getLeft().toString());
        assertEquals(ApplyResult.Outcome.APPLIED, applied.get().outcome());
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

    /** A round as Monitor.probe feeds it: a link whose device has no address (or does not exist) loses it. */
    private void probed(String link, boolean answered) {
        Probed p = loop.monitored().probed().get(link).get();
        if (loop.monitored().sources().get(link).flatMap(a -> a).isDefined()) {
            round(link, answered);
            return;
        }
        clock.advance(Duration.ofMillis(500));
        loop.round(p, p.failed(clock.instant(), "no IPv4 address on " + p.link().dev()));
    }

    private Monitored monitored(String name, String toml) throws IOException {
        Path f = Files.writeString(tmp.resolve(name), toml);
        return Monitored.of(SpecParser.parse(f).get(), f, kernel);
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
        assertEquals(0, journaled(), "settling rehearses a change and journals nothing");
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

    /**
     * While the kernel's events say nothing changed since the monitor read the kernel ahead (its tick, a quiet
     * second after its last change), a verdict's change plans on that read and writes at once: only the
     * verification after the write reads the kernel.
     */
    @Test
    void aVerdictReusesTheStateReadAheadWhileTheKernelsEventsSayNothingChanged() {
        mlb.kernel.Generation changes = followedEvents();
        rounds(3, true, true);
        readAhead();
        int before = kernel.reads();
        rounds(3, true, false);
        assertEquals(java.util.List.of(201, 203), members());
        assertEquals(before + 1, kernel.reads(), "only the verification read the kernel");
        readAhead();
        changes.changed(); // someone changed a route
        before = kernel.reads();
        rounds(3, true, true);
        assertEquals(java.util.List.of(201, 202, 203), members());
        assertEquals(before + 2, kernel.reads(), "a change since: read afresh, then verified");
    }

    @Test
    void withoutTheKernelsEventsEveryChangeReadsTheKernelAfresh() {
        rounds(3, true, true);
        readAhead();
        int before = kernel.reads();
        rounds(3, true, false);
        assertEquals(java.util.List.of(201, 203), members());
        assertEquals(before + 2, kernel.reads(), "planned on a fresh read, then verified");
    }

    /** The kernel's events as a running `ip monitor` counts them, followed by the engine. */
    private mlb.kernel.Generation followedEvents() {
        mlb.kernel.Generation changes = new mlb.kernel.Generation();
        engine.followEvents(changes);
        changes.following("ip", true);
        return changes;
    }

    /** Two ticks a second apart: the first sees the events' count, the second finds it unchanged (quiet) and reads. */
    private void readAhead() {
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
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
    void carrierLossTakesTheLinkDownAtOnceAndCarrierBackRestoresItsObjectsBeforeTheProbesBringItIn() {
        rounds(3, true, true);
        kernel.deviceDown("wan2");
        loop.carrier(new mlb.monitor.carrier.CarrierEvent("wan2", false));
        assertTrue(log.contains("isp2 down: carrier lost on wan2"), log::toString);
        assertEquals(mlb.monitor.health.State.DOWN, loop.fleet().health("isp2").get().state());
        int writes = kernel.executed().size();
        loop.carrier(new mlb.monitor.carrier.CarrierEvent("wan2", false));
        assertEquals(writes, kernel.executed().size(), "a repeated event changes nothing");
        kernel.deviceUp("wan2");
        loop.carrier(new mlb.monitor.carrier.CarrierEvent("wan2", true));
        assertTrue(kernel.state().nexthops().get(202).isDefined(), () -> "isp2's nexthop is written again at once: " + log);
        assertEquals(java.util.List.of(201, 203), members(), "but it takes no traffic before the probes say so");
        rounds(3, true, true);
        assertEquals(java.util.List.of(201, 202, 203), members());
        assertTrue(log.stream().noneMatch(l -> l.startsWith("problem:")), log::toString);
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
        assertTrue(engine.history().get().entries().head().title().startsWith("monitor: put back what changed outside the monitor"
                + " (nexthop 202 and 1 route re-created; nexthop group 200 restored); every link still in (kernel check): "),
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

    /**
     * While the kernel's events are followed, a minute without any of them needs no check: what the check looks
     * for (a carrier blip, a hand change) is an event. Ten quiet minutes still check; an event checks at the minute.
     */
    @Test
    void aQuietKernelIsCheckedEveryTenMinutesAndAKernelWithEventsOnceAMinute() {
        mlb.kernel.Generation changes = followedEvents();
        rounds(3, true, true); // the first change, verified by a fresh read: as good as a check
        readAhead();
        int reads = kernel.reads();
        for (int minute = 1; minute < 10; minute++) {
            clock.advance(Duration.ofSeconds(60));
            loop.tick();
        }
        assertEquals(reads, kernel.reads(), "nine quiet minutes: no check read the kernel");
        clock.advance(Duration.ofSeconds(60));
        loop.tick();
        assertTrue(kernel.reads() > reads, "the tenth minute checks anyway");
        kernel.deviceDown("wan2").deviceUp("wan2");
        changes.changed(); // the link events of that blip
        clock.advance(Duration.ofSeconds(60));
        loop.tick();
        assertEquals(java.util.List.of(201, 202, 203), members(), "an event since the last check: checked and repaired");
    }

    @Test
    void theFirstDecisionIsSaidEvenWhenTheKernelNeedsNoChangeAndOnlyOnce() {
        rounds(3, true, true);
        clock.advance(Duration.ofSeconds(60));
        loop.tick(); // a kernel check, which finds nothing to change either
        assertEquals(1, log.stream().filter(l -> l.startsWith("taking over: ")).count(), log::toString);
        assertTrue(log.contains("taking over: isp1, isp2, isp3 carry traffic as the kernel has it; nothing to change"), log::toString);
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
    void theMonitorsChangesWaitingInTheJournalAreNoDriftButAChangeByHandStillIs() {
        rounds(3, true, true);
        rounds(3, true, false);
        rounds(3, true, true);
        long waiting = journaled();
        assertTrue(waiting > 0, "isp2's return waits in the journal to be coalesced");
        var status = engine.status().get().drift().get();
        assertFalse(status.drifted(), () -> "status: " + status.lines());
        var planned = engine.plan(spec, file, Option.none()).get().drift().get();
        assertFalse(planned.drifted(), () -> "plan: " + planned.lines());
        assertEquals(waiting, journaled(), "a look commits nothing before its window closes");
        kernel.deviceDown("wan2").deviceUp("wan2");
        assertTrue(engine.status().get().drift().get().drifted(), "the kernel deleted isp2's nexthop: that is drift");
    }

    @Test
    void aKernelCheckThatPutsBackWeightsChangedByHandSaysSoInItsTitle() {
        rounds(3, true, true);
        rounds(3, true, false);
        assertEquals(Option.none(), kernel.ip("nexthop replace id 200 group 201,7/203,1 type resilient buckets 512 proto 250"), "weights changed by hand");
        clock.advance(Duration.ofSeconds(61));
        loop.tick();
        assertTrue(kernel.executed().last().startsWith("ip nexthop replace id 200 group 201,2/203,5"), kernel.executed()::toString);
        String title = engine.history().get().entries().head().title();
        assertEquals("monitor: put back what changed outside the monitor (nexthop group 200 restored); isp2 still out"
                + " (kernel check): 0 to add, 1 to change, 0 to destroy", title, "not 'isp2 out (kernel check)': isp2 went out long before");
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

    /** Every link checked (isp3 too), all up. */
    private void allCheckedAndUp() throws IOException {
        assertTrue(loop.reload(monitored("all.toml", SPEC.replace("weight = 5\n", "weight = 5\n[link.check]\ntargets = [\"198.19.0.3\"]\n" + PLAN))));
        for (int i = 0; i < 3; i++) {
            round("isp1", true);
            round("isp2", true);
            round("isp3", true);
        }
        assertEquals(java.util.List.of(201, 202, 203), members());
    }

    private void ticks(int seconds) {
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
            loop.tick();
        }
    }

    @Test
    void everyLinkDownOneAfterAnotherKeepsTheBalancingAsItWasAndEachComesBackAlone() throws IOException {
        allCheckedAndUp();
        for (int i = 0; i < 3; i++) {
            round("isp1", false);
            round("isp2", false);
        }
        assertEquals(java.util.List.of(203), members());
        clock.advance(Duration.ofSeconds(5));
        int before = kernel.executed().size();
        for (int i = 0; i < 3; i++) round("isp3", false);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("all links down: the balancing stays as it was (")), log::toString);
        assertEquals(before, kernel.executed().size(), "nothing destructive: the kernel is left as it was");
        assertEquals(java.util.List.of(203), members(), "isp3 went down 5 s after the others: no cascade, the survivor stays");
        ticks(30);
        assertTrue(conntrack.deleted().isEmpty(), "isp1's and isp2's grace ran out while every link was down: nothing deleted");
        for (int i = 0; i < 3; i++) round("isp1", true);
        assertEquals(java.util.List.of(201), members(), "isp1 is back at once, without waiting for the others");
    }

    @Test
    void linksCutAtOnceWhoseVerdictsCascadeIntoAllDownLeaveTheBalancingAsItWasBeforeTheCascade() throws Exception {
        allCheckedAndUp();
        for (int i = 0; i < 3; i++) {
            round("isp1", false);
            round("isp2", false);
            round("isp3", false);
        }
        assertTrue(log.contains("all links down: the balancing returns to isp1, isp2, isp3, as it was before the links went down"
                + " one after another within 1450 ms of each other (last_resort keep: the probe targets may be what failed)"),
                log::toString);
        assertEquals(java.util.List.of(201, 202, 203), members(), "not the last survivor, isp3");
        clock.advance(Duration.ofSeconds(10));
        assertTrue(engine.recordHeld(false).get());
        assertTrue(engine.history().get().entries().head().title().endsWith(": isp1, isp2 out; every link in, as before every"
                + " link went down"), engine.history().get().entries().head()::title);
        ticks(30);
        assertEquals(java.util.List.of(201, 202, 203), members());
        assertTrue(conntrack.deleted().isEmpty(), "nothing is deleted while every link is down");
        for (int i = 0; i < 3; i++) round("isp2", true);
        assertEquals(java.util.List.of(202), members(), "isp2 is back, and alone");
        ticks(21);
        assertEquals(java.util.List.of(InetAddress.getByName("198.18.1.2"), InetAddress.getByName("198.18.3.2")),
                conntrack.deleted(), "with a link back, the others' grace runs from then");
    }

    @Test
    void aReloadNamingADeviceThatDoesNotExistIsNotUsedAndTheHealthyLinkKeepsEverything() throws IOException {
        rounds(3, true, true);
        String kernelBefore = kernel.state().toString();
        int executed = kernel.executed().size();
        assertFalse(loop.reload(monitored("typo.toml", SPEC.replace("dev = \"wan2\"", "dev = \"wan9\""))));
        assertTrue(log.contains("problem: the changed spec " + tmp.resolve("typo.toml") + " is not used, the running one stays"
                + " in force: the spec does not fit netns lab (1 problem); link isp2: device wan9 does not exist (check dev,"
                + " or bring the interface up first)"), log::toString);
        assertEquals(spec.source(), loop.monitored().spec().source(), "the running spec stays in force");
        for (int i = 0; i < 3; i++) {
            probed("isp1", true);
            probed("isp2", true);
        }
        loop.tick();
        assertEquals(java.util.List.of(201, 202, 203), members(), "isp2 is still probed on wan2, and up");
        assertEquals(executed, kernel.executed().size(), "nothing was written");
        assertEquals(kernelBefore, kernel.state().toString());
        assertTrue(log.stream().noneMatch(l -> l.startsWith("spec reloaded")), log::toString);
    }

    @Test
    void aReloadMovingALinkThatIsOutToAMissingDeviceIsNotUsedEither() throws IOException {
        rounds(3, true, true);
        rounds(3, true, false);
        assertEquals(java.util.List.of(201, 203), members());
        String kernelBefore = kernel.state().toString();
        assertFalse(loop.reload(monitored("typo.toml", SPEC.replace("dev = \"wan2\"", "dev = \"wan9\""))),
                "a plan would leave isp2 out, but a device new to the monitor must exist: its probes could never answer");
        assertEquals(kernelBefore, kernel.state().toString(), "isp2's table and rules stay for when it answers again");
        assertTrue(loop.reload(monitored("heavier.toml", SPEC.replace("weight = 2", "weight = 4"))), log::toString);
        assertTrue(kernel.executed().last().startsWith("ip nexthop replace id 200 group 201,4/203,5"), kernel.executed()::toString);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("spec reloaded: watching isp1")), log::toString);
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

    /** The journal unwritable, as a full or read-only state disk makes it: a regular file where its directory goes. */
    private Path breakJournal() throws IOException {
        Path journal = tmp.resolve("state").resolve("netns-lab").resolve("journal");
        if (Files.isDirectory(journal)) {
            try (var s = Files.list(journal)) {
                assertEquals(0, s.count(), "nothing waits in the journal");
            }
            Files.delete(journal);
        }
        return Files.writeString(journal, "not a directory\n");
    }

    @Test
    void aFailoverDoesNotWaitForItsRecordWhenTheJournalCannotBeWritten() throws Exception {
        rounds(3, true, true);
        Path journal = breakJournal();
        rounds(3, true, false);
        assertEquals(java.util.List.of(201, 203), members(), "isp2 left the kernel's group although nothing could be journaled");
        assertEquals(1, engine.unrecorded());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("problem: warning: cannot write the audit journal in ")
                && l.endsWith("; the monitor changes the kernel all the same and keeps the record in memory until the journal takes it")),
                () -> String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("balancing over isp1, isp3: 0 to add, 1 to change, 0 to destroy, written ")
                && l.endsWith("not recorded yet: its record waits in memory until the state directory takes them")),
                () -> String.join("\n", log));
        new ViewWriter(ws.stateDir(), "netns-lab", clock.instant(), clock, logTo())
                .write(loop.monitored(), loop.fleet(), loop.effective(), loop.holding(), engine.unrecorded());
        clock.advance(Duration.ofSeconds(11));
        var seen = engine.status().get().monitor().get();
        assertTrue(seen.stale(), "not rewritten for 11 s: status says the view is stale");
        assertEquals(1, seen.view().unrecorded());
        rounds(3, true, true);
        assertEquals(java.util.List.of(201, 202, 203), members(), "and came back, its record behind the first");
        assertEquals(2, engine.unrecorded());
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
        assertTrue(engine.recordHeld(false).isRight());
        assertEquals(2, engine.unrecorded(), "still no journal");
        Files.delete(journal);
        assertTrue(engine.recordHeld(false).get());
        assertEquals(0, engine.unrecorded());
        var titles = engine.history().get().entries().map(e -> e.title());
        assertEquals(3, titles.size(), titles::toString);
        assertTrue(titles.get(1).startsWith("monitor: isp2 out (isp2 down: ") && titles.head().startsWith("monitor: every link in"),
                titles::toString);
        assertFalse(engine.status().get().drift().get().drifted(), "recorded: the kernel is what the history says");
    }

    @Test
    void theConntrackReactionFollowsTheKernelNotTheVerdict() throws Exception {
        rounds(3, true, true);
        kernel.failWhen(c -> c.startsWith("ip nexthop replace id 200"));
        rounds(3, true, false);
        assertEquals(java.util.List.of(201, 202, 203), members(), "the write failed: isp2 is still in the kernel's group");
        ticks(30);
        assertTrue(conntrack.deleted().isEmpty(), "isp2 never left the balancing: its connections stay");
        assertTrue(log.stream().noneMatch(l -> l.contains("out of the balancing")), () -> String.join("\n", log));
        kernel.failWhen(c -> false);
        ticks(5);
        assertEquals(java.util.List.of(201, 203), members(), "the retry took it out");
        ticks(21);
        assertEquals(java.util.List.of(InetAddress.getByName("198.18.2.2")), conntrack.deleted(), "20 s after it really left");
    }

    @Test
    void inConnmarkModeALinkLosesItsAttemptsAtOnceAndItsMarkedConnectionsAfterTheGrace() throws Exception {
        monitorOn(SPEC.replace("[monitor]", "[balancer]\nmode = \"connmark\"\nlan = [\"10.77.0.0/24\"]\n[monitor]"));
        conntrack.answering(new mlb.monitor.conntrack.Deletion.Deleted(1));
        rounds(3, true, true);
        rounds(3, true, false);
        loop.tick();
        assertEquals(java.util.List.of("0x20000/0xff0000 unanswered"), conntrack.marked(), "isp2's attempts, as it leaves");
        clock.advance(Duration.ofSeconds(21));
        loop.tick();
        loop.tick();
        assertEquals(java.util.List.of("0x20000/0xff0000 unanswered", "0x20000/0xff0000"), conntrack.marked(),
                "then all of isp2's, by its mark, once");
        assertTrue(conntrack.deleted().isEmpty(), "never by address in connmark mode");
        assertTrue(log.stream().anyMatch(l -> l.equals("isp2: deleted 1 of its connections from conntrack after 20 s out of the"
                + " balancing (those marked 0x20000/0xff0000)")), String.join("\n", log));
    }

    @Test
    void afterItsFirstDecisionTheMonitorRehearsesACarrierLossWithoutChangingAnything() throws Exception {
        monitorOn(SPEC.replace("[monitor]", "[balancer]\nmode = \"connmark\"\nlan = [\"10.77.0.0/24\"]\n[monitor]"));
        List<String> applied = kernel.nft().transactions();
        List<mlb.model.NftObject> objects = kernel.nft().objects();
        int executed = kernel.executed().size();
        rounds(3, true, true);
        assertEquals(1, kernel.nft().rehearsals().size(), "rehearsed once: " + kernel.nft().rehearsals());
        assertTrue(kernel.nft().rehearsals().head().contains("nft delete chain inet mlb link_isp1"),
                "isp1's carrier lost, as the kernel would report it: " + kernel.nft().rehearsals().head());
        assertEquals(applied, kernel.nft().transactions(), "nothing applied");
        assertEquals(objects, kernel.nft().objects());
        assertEquals(executed, kernel.executed().size());
        assertEquals(0, journaled(), "nor journaled");
        rounds(3, true, false);
        rounds(3, true, true);
        assertEquals(1, kernel.nft().rehearsals().size(), "once per monitor");
    }

    @Test
    void aPersonsPlanHonoursTheMonitorsView() throws IOException {
        rounds(3, true, true);
        rounds(3, true, false);
        new ViewWriter(ws.stateDir(), "netns-lab", clock.instant(), clock, logTo())
                .write(loop.monitored(), loop.fleet(), loop.effective(), loop.holding(), 0);
        MonitorView v = MonitorView.read(ws.stateDir(), "netns-lab").get();
        assertEquals(List.of("isp1", "isp3"), v.balancing().toList());
        PlanResult plan = engine.plan(spec, file, Option.none()).get();
        assertTrue(plan.plan().isEmpty(), "a person's plan does not put the dead link back: " + plan.plan().changes());
        assertTrue(plan.plan().notes().exists(n -> n.matches("isp2 stays out of the balancing: mlb monitor \\(pid \\d+\\) has it"
                        + " down since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ \\(3/3 rounds lost, last rtt .*\\)")),
                "a date a person reads, not an instant to the nanosecond: " + plan.plan().notes());
        assertFalse(engine.status().get().monitor().get().view().links().isEmpty());
    }

    /** Issue 14 item 12: a rollback writes a recorded state; its plan says a running monitor will write its view back. */
    @Test
    void aRollbackWhileTheMonitorRunsSaysTheMonitorWillPutItsViewBack() throws IOException {
        rounds(3, true, true);
        Path heavier = Files.writeString(tmp.resolve("home.toml"), SPEC.replace("weight = 2", "weight = 4"));
        engine.apply(SpecParser.parse(heavier).get(), heavier, Option.none(), Approval.ALWAYS);
        new ViewWriter(ws.stateDir(), "netns-lab", clock.instant(), clock, logTo())
                .write(loop.monitored(), loop.fleet(), loop.effective(), loop.holding(), 0);
        ApplyResult r = engine.rollback(Option.none(), Approval.ALWAYS).get();
        assertTrue(r.plan().notes().exists(n -> n.matches("mlb monitor \\(pid \\d+\\) runs on netns lab and follows .*home.toml"
                + " \\(balancing over isp1, isp2, isp3\\): within a minute, at its next kernel check, it writes that back over this"
                + " rollback; to keep the rolled-back state, stop the monitor or roll its spec file back too")), r.plan().notes().toString());
    }
}
