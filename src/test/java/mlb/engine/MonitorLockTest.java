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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One monitor per target, whatever its --state: the second is refused (75) naming the first's pid; the lock is
 * not the apply lock (a person's apply still runs beside a monitor), and a monitor killed with -9 leaves no stale
 * lock behind. No root needed.
 */
class MonitorLockTest {
    private static final Target LAB = Target.netns("lab");

    @TempDir
    Path tmp;
    final FakeKernel kernel = FakeKernel.standard();

    private Engine engine(String state) {
        Workspace ws = new Workspace(tmp.resolve(state), t -> kernel.kernel(), new FakeWatchers(), new MovableClock(),
                "tester", "router").withLockDir(tmp.resolve("run"));
        return new Engine(ws, LAB, new Listener.Quiet());
    }

    private Process holdMonitorLock(Path state) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(),
                state.toString(), "lab", tmp.resolve("run").toString(), "monitor").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String firstLine(Process p) throws Exception {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void aSecondMonitorOnTheTargetIsRefusedNamingTheFirstWhateverItsState() throws Exception {
        Either<Refusal, Lock> first = engine("state-a").monitorLock();
        assertTrue(first.isRight(), () -> first.getLeft().message());
        try (Lock held = first.get()) {
            for (String state : new String[]{"state-a", "state-b"}) {
                Refusal r = engine(state).monitorLock().getLeft();
                assertEquals(Refusal.Reason.LOCKED, r.reason(), state);
                assertEquals("another mlb monitor (pid " + ProcessHandle.current().pid() + ", state " + tmp.resolve("state-a")
                        + ") is running on netns lab", r.message(), state);
            }
            Path f = Files.writeString(tmp.resolve("home.toml"), TwoLinks.spec(1, 1));
            assertEquals(ApplyResult.Outcome.APPLIED, engine("state-b").apply(SpecParser.parse(f).get(), f, Option.none(),
                    Approval.ALWAYS).get().outcome(), "the monitor's lock is not the apply lock");
        }
        Either<Refusal, Lock> again = engine("state-b").monitorLock();
        assertTrue(again.isRight(), "free once the first monitor stopped");
        again.get().close();
    }

    @Test
    void aMonitorKilledWithSigkillLeavesNoStaleLock() throws Exception {
        Process monitor = holdMonitorLock(tmp.resolve("state-a"));
        try {
            assertEquals("held", firstLine(monitor));
            Refusal r = engine("state-b").monitorLock().getLeft();
            assertEquals("another mlb monitor (pid " + monitor.pid() + ", state " + tmp.resolve("state-a")
                    + ") is running on netns lab", r.message());
        } finally {
            monitor.destroyForcibly();
            assertTrue(monitor.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(Files.exists(tmp.resolve("run").resolve(Lock.key(LAB) + ".monitor.lock")), "its lock file stays behind");
        Either<Refusal, Lock> next = engine("state-b").monitorLock();
        assertTrue(next.isRight(), () -> "the kernel released the killed monitor's lock: " + next.getLeft().message());
        next.get().close();
    }
}
