package mlb.monitor.hook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real hook processes: programs from /usr/bin and small scripts written to a temporary directory. */
class ProcessHooksTest {
    static final HookEvent DOWN = new HookEvent("isp1", HookEvent.Kind.DOWN, "wan1", "down");
    final ProcessHooks hooks = new ProcessHooks();

    @TempDir
    Path tmp;

    @AfterEach
    void close() {
        hooks.close();
    }

    HookOutcome run(Hook hook, HookEvent event) throws Exception {
        return hooks.run(hook, event).get(10, TimeUnit.SECONDS);
    }

    static Hook hook(String program, Duration timeout, String... args) {
        return new Hook(Path.of(program), List.of(args), timeout);
    }

    Path script(String name, String body) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void theHookSeesTheEventAndPathAndNothingElse() throws Exception {
        HookOutcome o = run(hook("/usr/bin/env", Duration.ofSeconds(5)), new HookEvent("isp2", HookEvent.Kind.ALL_DOWN, "wan2", "down"));
        HookOutcome.Exited exited = assertInstanceOf(HookOutcome.Exited.class, o);
        Set<String> env = exited.stdout().lines().collect(Collectors.toSet());
        Set<String> expected = new java.util.HashSet<>(Set.of("MLB_LINK=isp2", "MLB_EVENT=all_down", "MLB_DEV=wan2", "MLB_STATE=down"));
        if (System.getenv("PATH") != null) expected.add("PATH=" + System.getenv("PATH"));
        assertEquals(expected, env);
    }

    @Test
    void argumentsArePassedAsTheyAreWithoutAShell() throws Exception {
        HookOutcome o = run(hook("/usr/bin/printf", Duration.ofSeconds(5), "[%s]", "a b", "$MLB_LINK", ";true"), DOWN);
        assertEquals("[a b][$MLB_LINK][;true]", ((HookOutcome.Exited) o).stdout());
    }

    @Test
    void theExitCodeAndBothStreamsAreReported() throws Exception {
        Path s = script("fail", "echo out; echo err >&2; exit 3");
        HookOutcome.Exited o = (HookOutcome.Exited) run(new Hook(s, List.of(), Duration.ofSeconds(5)), DOWN);
        assertEquals(3, o.code());
        assertFalse(o.ok());
        assertEquals("out\n", o.stdout());
        assertEquals("err\n", o.stderr());
    }

    @Test
    void stdinIsEmpty() throws Exception {
        HookOutcome.Exited o = (HookOutcome.Exited) run(hook("/bin/cat", Duration.ofSeconds(5)), DOWN);
        assertEquals(0, o.code());
        assertEquals("", o.stdout());
    }

    @Test
    void aHookPastItsTimeoutIsKilled() throws Exception {
        long start = System.nanoTime();
        HookOutcome o = run(hook("/bin/sleep", Duration.ofMillis(300), "30"), DOWN);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(new HookOutcome.TimedOut(Duration.ofMillis(300), "", ""), o);
        assertTrue(ms < 1500, "took " + ms + " ms");
    }

    @Test
    void aChildThatKeepsThePipeOpenDoesNotHoldUpTheOutcome() throws Exception {
        // The script exits at once, but the sleep it started keeps stdout open for 30 s; only the script is ours.
        Path s = script("bg", "echo started; /bin/sleep 30 & exit 0");
        long start = System.nanoTime();
        HookOutcome.Exited o = (HookOutcome.Exited) run(new Hook(s, List.of(), Duration.ofSeconds(5)), DOWN);
        assertEquals("started\n", o.stdout());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void outputIsCutAtTheCaptureSize() throws Exception {
        HookOutcome.Exited o = (HookOutcome.Exited) run(hook("/usr/bin/seq", Duration.ofSeconds(5), "1", "100000"), DOWN);
        assertEquals(0, o.code(), "the whole output was drained, so seq could finish");
        assertTrue(o.stdout().startsWith("1\n2\n3\n"));
        assertTrue(o.stdout().endsWith(" [cut at 4096 bytes]"));
        assertEquals(4096 + " [cut at 4096 bytes]".length(), o.stdout().length());
    }

    @Test
    void aProgramThatCannotRunIsNotStarted() throws Exception {
        HookOutcome o = run(hook("/nonexistent/hook", Duration.ofSeconds(5)), DOWN);
        assertInstanceOf(HookOutcome.NotStarted.class, o);
        assertTrue(((HookOutcome.NotStarted) o).reason().contains("/nonexistent/hook"), o.toString());
    }

    @Test
    void runningNeverBlocksTheCallerAndHooksRunInEventOrder() throws Exception {
        Path log = tmp.resolve("events.txt");
        Path s = script("record", "/bin/sleep 0.2; echo \"$MLB_EVENT\" >> " + log);
        Hook h = new Hook(s, List.of(), Duration.ofSeconds(5));
        long start = System.nanoTime();
        CompletableFuture<HookOutcome> down = hooks.run(h, DOWN);
        CompletableFuture<HookOutcome> up = hooks.run(h, new HookEvent("isp1", HookEvent.Kind.UP, "wan1", "up"));
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100), "run returned before the hooks ran");
        assertFalse(down.isDone());
        up.get(10, TimeUnit.SECONDS);
        assertTrue(down.isDone());
        assertEquals(List.of("down", "up"), Files.readAllLines(log));
    }

    @Test
    void afterCloseHooksAreNotStarted() throws Exception {
        hooks.close();
        assertEquals(new HookOutcome.NotStarted("the monitor is shutting down"), run(hook("/bin/true", Duration.ofSeconds(1)), DOWN));
    }

    @Test
    void aHookNeedsAnAbsoluteProgramAndATimeout() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> hook("env", Duration.ofSeconds(1)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> hook("/usr/bin/env", Duration.ZERO));
    }
}
