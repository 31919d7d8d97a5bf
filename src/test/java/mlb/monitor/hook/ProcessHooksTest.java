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
    void outputKeepsItsLastCaptureSizeSoTheLastLineIsThere() throws Exception {
        HookOutcome.Exited o = (HookOutcome.Exited) run(hook("/usr/bin/seq", Duration.ofSeconds(5), "1", "100000"), DOWN);
        assertEquals(0, o.code(), "the whole output was drained, so seq could finish");
        assertTrue(o.stdout().startsWith("[the first "), o.stdout().substring(0, 40));
        assertTrue(o.stdout().endsWith("\n99999\n100000\n"));
        String kept = o.stdout().substring(o.stdout().indexOf("] ") + 2);
        assertEquals(4096, kept.length());
        assertEquals("[the first " + (588895 - 4096) + " bytes dropped] ", o.stdout().substring(0, o.stdout().indexOf("] ") + 2),
                "seq 1 100000 prints 588895 bytes");
    }

    @Test
    void aProgramThatCannotRunIsNotStarted() throws Exception {
        HookOutcome o = run(hook("/nonexistent/hook", Duration.ofSeconds(5)), DOWN);
        assertInstanceOf(HookOutcome.NotStarted.class, o);
        assertTrue(((HookOutcome.NotStarted) o).reason().contains("/nonexistent/hook"), o.toString());
    }

    /** Waits, polling, for a file a hook writes (bounded: the hook is a shell script that writes it first). */
    static void awaitContent(Path f, String text) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(f) && Files.readString(f).contains(text)) && System.nanoTime() < until) Thread.sleep(20);
        assertTrue(Files.exists(f) && Files.readString(f).contains(text), "the hook never wrote " + text + " to " + f);
    }

    @Test
    void runningNeverBlocksTheCallerAndAHangingHookDelaysNoOtherLinksHooks() throws Exception {
        Path started = tmp.resolve("started");
        Path s = script("hang", "echo \"$MLB_LINK\" >> " + started + "; [ \"$MLB_LINK\" = isp1 ] && exec /bin/sleep 60; exit 0");
        Hook h = new Hook(s, List.of(), Duration.ofSeconds(50));
        long start = System.nanoTime();
        CompletableFuture<HookOutcome> hanging = hooks.run(h, new HookEvent("isp1", HookEvent.Kind.UP, "wan1", "up"));
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100), "run returned before the hook ran");
        awaitContent(started, "isp1");
        HookOutcome other = hooks.run(h, new HookEvent("isp2", HookEvent.Kind.DOWN, "wan2", "down")).get(20, TimeUnit.SECONDS);
        assertEquals(0, ((HookOutcome.Exited) other).code());
        assertFalse(hanging.isDone(), "isp2's hook ran while isp1's still hung (it hangs for 50 s)");
    }

    @Test
    void aLinksNewerEventKillsItsStaleRunningHookAndDropsTheWaitingOnes() throws Exception {
        Path events = tmp.resolve("events");
        // The event line goes last, after the stale hook's output: the test waits for it before it kills.
        String log = "echo \"$MLB_EVENT\" >> " + events;
        Path s = script("first-hangs", "[ -e " + tmp.resolve("hung") + " ] && { " + log + "; exit 0; }; touch "
                + tmp.resolve("hung") + "; echo hanging >&2; " + log + "; exec /bin/sleep 60");
        Hook h = new Hook(s, List.of(), Duration.ofSeconds(50));
        CompletableFuture<HookOutcome> up = hooks.run(h, new HookEvent("isp1", HookEvent.Kind.UP, "wan1", "up"));
        awaitContent(events, "up");
        CompletableFuture<HookOutcome> down1 = hooks.run(h, DOWN);
        CompletableFuture<HookOutcome> up2 = hooks.run(h, new HookEvent("isp1", HookEvent.Kind.UP, "wan1", "up"));
        CompletableFuture<HookOutcome> down2 = hooks.run(h, DOWN);
        HookOutcome.Dropped killed = (HookOutcome.Dropped) up.get(20, TimeUnit.SECONDS);
        assertTrue(killed.killed());
        assertEquals("superseded by down isp1", killed.why());
        assertEquals("hanging\n", killed.stderr());
        assertEquals(new HookOutcome.Dropped("superseded by down isp1 before it started", Duration.ZERO, ""), down1.get(20, TimeUnit.SECONDS));
        assertEquals(new HookOutcome.Dropped("superseded by down isp1 before it started", Duration.ZERO, ""), up2.get(20, TimeUnit.SECONDS));
        assertEquals(0, ((HookOutcome.Exited) down2.get(20, TimeUnit.SECONDS)).code());
        assertEquals(List.of("up", "down"), Files.readAllLines(events), "the newest event's hook ran, after the stale one ended");
    }

    @Test
    void closeIsBoundedDropsWaitingHooksAndKillsTheRunningOnes() throws Exception {
        Path pid = tmp.resolve("pid");
        Path s = script("hang", "echo $$ > " + pid + "; exec /bin/sleep 60");
        Hook h = new Hook(s, List.of(), Duration.ofSeconds(50));
        CompletableFuture<HookOutcome> running = hooks.run(h, DOWN);
        awaitContent(pid, "\n");
        long child = Long.parseLong(Files.readString(pid).strip());
        long start = System.nanoTime();
        hooks.close();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(running.isDone(), "close returns once every outcome is in");
        HookOutcome.Dropped o = (HookOutcome.Dropped) running.get();
        assertEquals("the monitor stopped", o.why());
        assertTrue(o.after().compareTo(ProcessHooks.STOP_GRACE) >= 0, "it had its grace first: " + o.after());
        assertTrue(ms < ProcessHooks.STOP_GRACE.toMillis() + 2000, "bounded by the grace and the kill: " + ms + " ms");
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the hook did not outlive the stop");
    }

    @Test
    void closeLetsARunningHookFinishWithinTheGrace() throws Exception {
        Path began = tmp.resolve("began");
        Path s = script("quick", "echo x > " + began + "; /bin/sleep 0.3; echo done");
        CompletableFuture<HookOutcome> running = hooks.run(new Hook(s, List.of(), Duration.ofSeconds(5)), DOWN);
        awaitContent(began, "x");
        hooks.close();
        assertEquals("done\n", ((HookOutcome.Exited) running.get()).stdout());
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
