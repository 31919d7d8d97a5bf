package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.history.Record;
import mlb.history.TwoLinks;
import mlb.kernel.FakeKernel;
import mlb.model.NetState;
import mlb.model.NexthopGroup;
import mlb.proc.Target;
import mlb.spec.Spec;
import mlb.spec.SpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole operation on a target through the engine alone: no CLI, a fake kernel, fake watchers, a moved clock. */
class EngineTest {
    @TempDir
    Path tmp;
    final FakeKernel kernel = FakeKernel.standard();
    final FakeWatchers watchers = new FakeWatchers();
    final MovableClock clock = new MovableClock();
    final java.util.List<Event> events = new ArrayList<>();
    final Listener collect = new Listener() {
        public void recovered(Event.Recovered e) { events.add(e); }
        public void warning(Event.Warning e) { events.add(e); }
        public void watching(Event.Watching e) { events.add(e); }
        public void settling(Event.Settling e) { events.add(e); }
        public void settled(Event.Settled e) { events.add(e); }
        public void rollingBack(Event.RollingBack e) { events.add(e); }
        public void planned(Event.Planned e) { events.add(e); }
        public void applying(Event.Applying e) { events.add(e); }
        public void ran(Event.Ran e) { events.add(e); }
    };

    private Engine engine() {
        Workspace ws = new Workspace(tmp.resolve("state"), t -> kernel.kernel(), watchers, clock, "tester", "router");
        return new Engine(ws, Target.netns("lab"), collect);
    }

    private Path specFile(int w1, int w2) throws IOException {
        return Files.writeString(tmp.resolve("home-" + w1 + "-" + w2 + ".toml"), TwoLinks.spec(w1, w2));
    }

    private ApplyResult apply(int w1, int w2, Option<Duration> confirm) throws IOException {
        Path f = specFile(w1, w2);
        Spec spec = SpecParser.parse(f).get();
        return engine().apply(spec, f, confirm, Approval.ALWAYS).get();
    }

    private java.util.List<NexthopGroup.Member> members() {
        return ((NexthopGroup) kernel.state().nexthops().get(200).get()).members().asJava();
    }

    private static <T> java.util.List<Class<?>> kinds(java.util.List<T> xs) {
        return xs.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void aSpecInAGitWorkTreeIsRecordedWithItsCommitThoughItIsLookedUpAfterTheWrite() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("specs"));
        Path f = Files.writeString(repo.resolve("home.toml"), TwoLinks.spec(5, 1));
        String head;
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).call()) {
            git.add().addFilepattern("home.toml").call();
            head = git.commit().setMessage("spec").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org")
                    .setSign(false).call().getName();
        }
        ApplyResult r = engine().apply(SpecParser.parse(f).get(), f, Option.none(), Approval.ALWAYS).get();
        String message = engine().show(r.recorded().get()).get().message();
        assertTrue(message.contains("Spec-Commit: " + head + "\n"), message);
        assertTrue(message.contains("Spec-Dirty: no"), message);
    }

    @Test
    void anApplyIsPlannedAppliedVerifiedAndRecordedWithItsEventsInOrder() throws IOException {
        ApplyResult r = apply(5, 1, Option.none());
        assertEquals(ApplyResult.Outcome.APPLIED, r.outcome(), r.failure()::toString);
        assertEquals(java.util.List.of(Event.Planned.class, Event.Applying.class, Event.Ran.class), kinds(events));
        assertEquals(13, r.commands().size());
        assertTrue(r.recorded().isDefined());
        assertEquals(java.util.List.of(new NexthopGroup.Member(201, 5), new NexthopGroup.Member(202, 1)), members());
        HistoryResult h = engine().history().get();
        assertEquals(1, h.entries().size());
        assertEquals("applied", h.entries().head().outcome());
        assertTrue(kernel.invalidIntermediateStates().isEmpty());

        events.clear();
        ApplyResult again = apply(5, 1, Option.none());
        assertEquals(ApplyResult.Outcome.UNCHANGED, again.outcome());
        assertTrue(again.recorded().isEmpty(), "nothing to do is not an entry");
        assertEquals(java.util.List.of(Event.Planned.class), kinds(events));
    }

    @Test
    void aFailedWriteIsRevertedAndRecordedAsReverted() throws IOException {
        apply(5, 1, Option.none());
        NetState before = kernel.state().ofProtocol(250);
        kernel.failWhen(c -> c.startsWith("ip nexthop replace id 200"));
        ApplyResult r = apply(1, 1, Option.none());
        assertEquals(ApplyResult.Outcome.REVERTED, r.outcome());
        assertTrue(r.failure().get().startsWith("ip nexthop replace id 200"), r.failure().get());
        assertEquals(before, kernel.state().ofProtocol(250), "the kernel is as before");
        assertEquals("reverted", engine().history().get().entries().head().outcome());
    }

    @Test
    void aRollbackReturnsToTheStateBeforeTheNewestApply() throws IOException {
        apply(5, 1, Option.none());
        apply(1, 3, Option.none());
        events.clear();
        ApplyResult back = engine().rollback(Option.none(), Approval.ALWAYS).get();
        assertEquals(ApplyResult.Outcome.APPLIED, back.outcome());
        assertEquals(Record.Kind.ROLLBACK, back.kind());
        assertEquals(java.util.List.of(new NexthopGroup.Member(201, 5), new NexthopGroup.Member(202, 1)), members());
        assertEquals(Event.RollingBack.class, events.get(0).getClass());
        assertTrue(engine().history().get().entries().head().title().startsWith("rollback to "));
    }

    @Test
    void withoutNetAdminAnApplyIsRefusedBeforeItAsksOrWrites() throws IOException {
        kernel.withoutNetAdmin();
        Path f = specFile(5, 1);
        boolean[] asked = {false};
        Refusal r = engine().apply(SpecParser.parse(f).get(), f, Option.none(), (plan, q) -> asked[0] = true).getLeft();
        assertEquals(Refusal.Reason.NOT_PERMITTED, r.reason());
        assertEquals("this process may not change the routing of netns lab: it lacks the capability CAP_NET_ADMIN", r.message());
        assertFalse(asked[0], "no question whose yes would fail");
        assertTrue(kernel.executed().isEmpty(), () -> "wrote " + kernel.executed());
        assertTrue(engine().history().get().entries().isEmpty());
        assertTrue(engine().plan(SpecParser.parse(f).get(), f, Option.none()).isRight(), "reading needs no capability");
    }

    @Test
    void aDeclinedApplyChangesNothingAndIsNotRecorded() throws IOException {
        Path f = specFile(5, 1);
        ApplyResult r = engine().apply(SpecParser.parse(f).get(), f, Option.none(), (plan, q) -> false).get();
        assertEquals(ApplyResult.Outcome.DECLINED, r.outcome());
        assertTrue(kernel.executed().isEmpty());
        assertTrue(engine().history().get().entries().isEmpty());
    }

    @Test
    void aConfirmedApplyStaysAndItsWatcherEnds() throws IOException {
        apply(5, 1, Option.none());
        ApplyResult r = apply(1, 1, Option.some(Duration.ofMinutes(2)));
        assertEquals(clock.instant().plus(Duration.ofMinutes(2)), r.armed().get().deadline());
        assertEquals(1, watchers.running());
        assertTrue(engine().status().get().pending().isDefined());
        ConfirmResult c = engine().confirm().get();
        assertEquals(ConfirmResult.Ending.CONFIRMED, c.ending());
        assertEquals(r.recorded(), c.rev());
        assertEquals(0, watchers.running());
        assertTrue(engine().status().get().pending().isEmpty());
        assertEquals(java.util.List.of(new NexthopGroup.Member(201, 1), new NexthopGroup.Member(202, 1)), members());
    }

    @Test
    void anUnconfirmedApplyWhoseWatcherDiedIsRevertedByTheNextOperation() throws IOException {
        apply(5, 1, Option.none());
        apply(1, 1, Option.some(Duration.ofSeconds(30)));
        watchers.killAll();
        clock.advance(Duration.ofSeconds(31));
        events.clear();
        Either<Refusal, ApplyResult> next = engine().destroy(Option.none(), (plan, q) -> false);
        assertEquals(Event.Settling.class, events.get(0).getClass(), events.toString());
        assertTrue(events.stream().anyMatch(e -> e instanceof Event.Settled s && s.result().ok()));
        assertEquals(ApplyResult.Outcome.DECLINED, next.get().outcome(), "then the destroy asked, and was told no");
        assertEquals(java.util.List.of(new NexthopGroup.Member(201, 5), new NexthopGroup.Member(202, 1)), members(),
                "the state before the unconfirmed apply");
        assertEquals("revert unconfirmed apply " + engine().history().get().entries().get(1).shortId()
                        + ": 0 to add, 1 to change, 0 to destroy", engine().history().get().entries().head().title());
    }

    @Test
    void tooLateAConfirmRevertsInstead() throws IOException {
        apply(5, 1, Option.none());
        apply(1, 1, Option.some(Duration.ofSeconds(30)));
        clock.advance(Duration.ofMinutes(1));
        ConfirmResult c = engine().confirm().get();
        assertEquals(ConfirmResult.Ending.TOO_LATE, c.ending());
        assertTrue(c.revert().get().ok());
        assertEquals(java.util.List.of(new NexthopGroup.Member(201, 5), new NexthopGroup.Member(202, 1)), members());
    }

    @Test
    void theWatcherRevertsAtItsDeadlineUnlessConfirmed() throws IOException {
        apply(5, 1, Option.none());
        apply(1, 1, Option.some(Duration.ofSeconds(1)));
        String token = mlb.history.PendingConfirm.read(tmp.resolve("state"), "netns-lab").get().token();
        WatchResult stale = engine().watch(java.time.Instant.now(), "not-the-token").get();
        assertEquals(WatchResult.Ending.CONFIRMED, stale.ending(), "another token: superseded, nothing to do");
        WatchResult w = engine().watch(java.time.Instant.now(), token).get();
        assertEquals(WatchResult.Ending.REVERTED, w.ending());
        assertEquals(java.util.List.of(new NexthopGroup.Member(201, 5), new NexthopGroup.Member(202, 1)), members());
    }

    @Test
    void destroyRemovesWhatTheLastApplyOwnedAndNothingElse() throws IOException {
        kernel.with(new mlb.model.Rule(20000, Option.none(), Option.some("wan1"), Option.none(), 254, Option.none(), 250));
        apply(5, 1, Option.none());
        ApplyResult r = engine().destroy(Option.none(), Approval.ALWAYS).get();
        assertEquals(ApplyResult.Outcome.APPLIED, r.outcome());
        assertEquals(List.of(new mlb.model.Rule(20000, Option.none(), Option.some("wan1"), Option.none(), 254, Option.none(), 250)),
                kernel.state().rules(), "a rule of mlb's protocol outside its priority range is not mlb's to delete");
        assertTrue(kernel.state().routes().isEmpty() && kernel.state().nexthops().isEmpty());
    }

    @Test
    void aNamespaceThatDoesNotExistIsRefusedBeforeTheLockAndTheKernel() throws IOException {
        Workspace ws = new Workspace(tmp.resolve("state"), t -> kernel.kernel(), watchers, clock, "tester", "router")
                .withPresent(t -> t.netns().isEmpty());
        Engine gone = new Engine(ws, Target.netns("gone"), collect);
        Path f = specFile(5, 1);
        for (Either<Refusal, ?> r : java.util.List.of(gone.plan(SpecParser.parse(f).get(), f, Option.none()),
                gone.apply(SpecParser.parse(f).get(), f, Option.none(), Approval.ALWAYS), gone.destroy(Option.none(), Approval.ALWAYS),
                gone.rollback(Option.none(), Approval.ALWAYS), gone.confirm(), gone.status(), gone.present())) {
            assertEquals(Refusal.of(Refusal.Reason.USAGE, "network namespace gone does not exist (see `ip netns list`)"), r.getLeft());
        }
        assertFalse(Files.exists(tmp.resolve("state").resolve("netns-gone")), "not even the lock was made");
        assertTrue(kernel.executed().isEmpty());
        assertTrue(gone.history().get().entries().isEmpty(), "the history needs no kernel");
    }

    @Test
    void aStaleSavedPlanDoesNotFitAnyMoreAndSaysHowToMakeItAgain() throws IOException {
        Path f = specFile(5, 1);
        Path saved = tmp.resolve("saved.json");
        engine().plan(SpecParser.parse(f).get(), f, Option.some(saved)).get();
        apply(1, 1, Option.none());
        mlb.plan.SavedPlan plan = Inputs.savedPlan(saved).get();
        Refusal r = engine().apply(plan, saved, Option.none(), Approval.ALWAYS).getLeft();
        assertEquals(Refusal.Reason.INVALID_SPEC, r.reason());
        assertEquals(List.of("nothing was changed", "run `mlb plan -f " + f + " --netns lab -o " + saved + "` again"), r.context());
    }

    @Test
    void statusWhileAnotherMlbHoldsTheLockNamesItAndReportsNoDrift() throws IOException {
        apply(5, 1, Option.none());
        Path other = tmp.resolve("other-state");
        try (Lock held = Lock.tryAcquire(tmp.resolve("state").resolve(".locks"), Target.netns("lab"), other).get()) {
            // what a writer in progress has written so far: not drift
            kernel.with(new mlb.model.Rule(10050, Option.some("198.18.99.1"), Option.none(), Option.none(), 201,
                    Option.none(), 250));
            Status s = engine().status().get();
            assertTrue(s.busy().isDefined(), "the holder is named");
            assertEquals(String.valueOf(ProcessHandle.current().pid()), s.busy().get().holder().pid());
            assertEquals(other.toAbsolutePath().normalize().toString(), s.busy().get().holder().stateDir());
            assertTrue(s.drift().isEmpty(), "no drift computed while it writes");
            assertTrue(s.last().isDefined(), "the last entry still shows");
        }
        Status after = engine().status().get();
        assertTrue(after.busy().isEmpty());
        assertTrue(after.drift().get().drifted(), "once it is done, a change nobody recorded is drift");
    }

    /** A saved plan edited by hand, the ways an attacker with write access to it would. */
    @Test
    void anEditedSavedPlanIsRefusedAndChangesNothing() throws IOException {
        Path f = specFile(5, 1);
        Path saved = tmp.resolve("saved.json");
        engine().plan(SpecParser.parse(f).get(), f, Option.some(saved)).get();
        String original = Files.readString(saved);
        String[][] edits = {
                // a kernel setting mlb never sets, in the desired state and the scope
                {"\"name\" ?: ?\"net.ipv4.fib_multipath_hash_policy\"", "\"name\":\"net.ipv4.ip_forward\""},
                // a route in main, which mlb never owns
                {"\"table\" ?: ?201", "\"table\":254"},
                // another gateway than the spec's
                {"\"via\" ?: ?\"198.18.2.1\"", "\"via\":\"198.18.2.9\""},
                // a spec that says something else than the objects
                {"weight = 5", "weight = 4"}};
        for (String[] edit : edits) {
            assertTrue(java.util.regex.Pattern.compile(edit[0]).matcher(original).find(), edit[0]);
            Files.writeString(saved, original.replaceAll(edit[0], edit[1]));
            Either<Refusal, ApplyResult> r = engine().apply(Inputs.savedPlan(saved).get(), saved, Option.none(), Approval.ALWAYS);
            assertTrue(r.isLeft(), () -> edit[1] + " was applied: " + r.get().commands());
            assertEquals(Refusal.Reason.INVALID_SPEC, r.getLeft().reason(), edit[1]);
            assertTrue(r.getLeft().message().startsWith("the saved plan " + saved + " is not what its spec makes now"),
                    r.getLeft()::message);
        }
        assertTrue(kernel.executed().isEmpty(), () -> "wrote " + kernel.executed());
        Files.writeString(saved, original);
        assertEquals(ApplyResult.Outcome.APPLIED, engine().apply(Inputs.savedPlan(saved).get(), saved, Option.none(),
                Approval.ALWAYS).get().outcome(), "the plan as mlb wrote it applies");
    }

    @Test
    void liveIsTheKernelOfTheTargetAnEntryWasRecordedFor() throws IOException {
        apply(5, 1, Option.none());
        String rev = engine().history().get().entries().head().shortId();
        mlb.kernel.FakeKernel host = FakeKernel.standard();
        Workspace ws = new Workspace(tmp.resolve("state"), t -> t.netns().isPresent() ? kernel.kernel() : host.kernel(),
                watchers, clock, "tester", "router");
        Engine onHost = new Engine(ws, Target.host(), collect);
        Compared own = onHost.diffOnItsTarget(rev, Option.some("live")).get();
        assertEquals(Option.some(Target.netns("lab")), own.live());
        assertTrue(own.owned().isEmpty(), own.owned()::toString);
        Compared asked = onHost.diff(rev, Option.some("live")).get();
        assertEquals(Option.some(Target.host()), asked.live());
        assertEquals(13, asked.owned().size(), "the host holds none of it: 12 objects and the sysctl");
    }

    @Test
    void anotherHolderOfTheLockIsARefusalNotAWait() throws Exception {
        Path other = tmp.resolve("other-state");
        try (Lock held = Lock.tryAcquire(tmp.resolve("state").resolve(".locks"), Target.netns("lab"), other).get()) {
            Refusal r = engine().destroy(Option.none(), Approval.ALWAYS).getLeft();
            assertEquals(Refusal.Reason.LOCKED, r.reason());
            assertEquals("another mlb (pid " + ProcessHandle.current().pid() + ", state " + other + ") holds the lock on netns lab",
                    r.message());
        }
        assertFalse(engine().destroy(Option.none(), Approval.ALWAYS).isLeft());
    }
}
