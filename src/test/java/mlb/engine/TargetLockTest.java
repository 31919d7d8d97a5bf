package mlb.engine;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.cli.HoldLock;
import mlb.history.TwoLinks;
import mlb.kernel.FakeKernel;
import mlb.proc.Target;
import mlb.spec.SpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lock belongs to the target, not to the state directory, and always names its holder. No root needed. */
class TargetLockTest {
    private static final Target LAB = Target.netns("lab");

    @TempDir
    Path tmp;
    final FakeKernel kernel = FakeKernel.standard();

    private Engine engine(String state) {
        Workspace ws = new Workspace(tmp.resolve(state), t -> kernel.kernel(), new FakeWatchers(), new MovableClock(),
                "tester", "router").withLockDir(tmp.resolve("run"));
        return new Engine(ws, LAB, new Listener.Quiet());
    }

    private Either<Refusal, ApplyResult> apply(Engine e, int w1, Approval approval) throws Exception {
        Path f = Files.writeString(tmp.resolve("home-" + w1 + ".toml"), TwoLinks.spec(w1, 1));
        return e.apply(SpecParser.parse(f).get(), f, Option.none(), approval);
    }

    private static Process holdLock(Path state, Path lockDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(),
                state.toString(), "lab", lockDir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String firstLine(Process p) throws Exception {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    private static void end(Process p) throws Exception {
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    void anApplyWithAnotherStateDirectoryIsRefusedWhileOneRunsAndTheLockSurvivesTheRefusal() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Approval waiting = (plan, q) -> {
            asked.countDown();
            try {
                return go.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        CompletableFuture<Either<Refusal, ApplyResult>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return apply(engine("state-a"), 5, waiting);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertTrue(asked.await(30, TimeUnit.SECONDS));
            Refusal r = apply(engine("state-b"), 1, Approval.ALWAYS).getLeft();
            assertEquals(Refusal.Reason.LOCKED, r.reason());
            assertEquals("another mlb (pid " + ProcessHandle.current().pid() + ", state " + tmp.resolve("state-a")
                    + ") holds the lock on netns lab", r.message());
            assertTrue(kernel.executed().isEmpty());

            Process other = holdLock(tmp.resolve("state-c"), tmp.resolve("run"));
            try {
                assertEquals("busy (pid " + ProcessHandle.current().pid() + ", state " + tmp.resolve("state-a") + ")", firstLine(other),
                        "the refusal in this JVM did not release the lock for other processes");
            } finally {
                end(other);
            }
        } finally {
            go.countDown();
        }
        assertEquals(ApplyResult.Outcome.APPLIED, first.get(30, TimeUnit.SECONDS).get().outcome());
        assertEquals(ApplyResult.Outcome.APPLIED, apply(engine("state-b"), 1, Approval.ALWAYS).get().outcome(), "free again");
    }

    @Test
    void theHolderIsNamedEvenWhenItsLockFileSaysNothing() throws Exception {
        Path lockDir = tmp.resolve("run");
        Process holder = holdLock(tmp.resolve("state-a"), lockDir);
        try {
            assertEquals("held", firstLine(holder));
            assertEquals(new Lock.Holder(String.valueOf(holder.pid()), tmp.resolve("state-a").toString()),
                    Lock.holder(lockDir, LAB, tmp.resolve("state-b")));
            Path file = lockDir.resolve(Lock.key(LAB) + ".lock");
            Files.writeString(file, "");
            assertEquals(new Lock.Holder(String.valueOf(holder.pid()), "unknown"), Lock.holder(lockDir, LAB, tmp.resolve("state-b")),
                    "the kernel's lock table names the pid");
            Refusal r = apply(engine("state-b"), 1, Approval.ALWAYS).getLeft();
            assertEquals("another mlb (pid " + holder.pid() + ", state unknown) holds the lock on netns lab", r.message());
        } finally {
            end(holder);
        }
    }

    @Test
    void theStateDirectoryLockIsTakenTooSoTwoLockDirectoriesStillExcludeEachOther() throws Exception {
        Process holder = holdLock(tmp.resolve("state-a"), tmp.resolve("other-run"));
        try {
            assertEquals("held", firstLine(holder));
            Refusal r = apply(engine("state-a"), 1, Approval.ALWAYS).getLeft();
            assertEquals("another mlb (pid " + holder.pid() + ", state " + tmp.resolve("state-a") + ") holds the lock on netns lab",
                    r.message());
            Either<Lock.Holder, Lock> target = Lock.tryAcquire(tmp.resolve("run"), LAB, tmp.resolve("state-b"));
            assertTrue(target.isRight(), "the target lock itself was released after the refusal");
            target.get().close();
        } finally {
            end(holder);
        }
    }
}
