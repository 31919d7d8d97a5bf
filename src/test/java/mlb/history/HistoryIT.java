package mlb.history;

import mlb.cli.CliRunner;
import mlb.cli.Env;
import mlb.it.Netns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit history against real kernels, each test in namespaces it creates and deletes. */
class HistoryIT {
    @TempDir
    Path tmp;
    Path state;
    CliRunner mlb;

    @BeforeEach
    void setUp() {
        Netns.assumeAvailable();
        state = tmp.resolve("state");
        mlb = new CliRunner(Env.system(), state);
    }

    private Path spec(String name, int w1, int w2) throws IOException {
        return Files.writeString(tmp.resolve(name + ".toml"), TwoLinks.spec(w1, w2));
    }

    private int entries(Netns ns) {
        String out = mlb.expect(0, "history", "--netns", ns.name).out();
        return out.isBlank() ? 0 : out.split("\n").length;
    }

    @Test
    void rollbackReturnsTheKernelToTheRecordedState() throws IOException {
        try (Netns ns = Netns.create()) {
            mlb.expect(0, "apply", "-f", spec("a", 1, 3).toString(), "--netns", ns.name, "--yes");
            String afterA = ns.dump();
            mlb.expect(0, "apply", "-f", spec("b", 2, 5).toString(), "--netns", ns.name, "--yes");
            assertTrue(!afterA.equals(ns.dump()), "B changed the kernel");
            CliRunner.Run rb = mlb.expect(0, "rollback", "--netns", ns.name, "--yes");
            assertEquals(afterA, ns.dump(), rb.toString());
            assertEquals(3, entries(ns));
            String top = mlb.expect(0, "history", "--netns", ns.name).out().split("\n")[0];
            assertTrue(top.contains("applied") && top.contains("rollback to "), top);
            mlb.expect(0, "plan", "-f", tmp.resolve("a.toml").toString(), "--netns", ns.name, "--detailed-exitcode");
            assertPrivate(state);
        }
    }

    @Test
    void rollbackUndoesAManualChangeAndPlanReportsIt() throws IOException {
        try (Netns ns = Netns.create()) {
            Path a = spec("a", 1, 3);
            mlb.expect(0, "apply", "-f", a.toString(), "--netns", ns.name, "--yes");
            String afterA = ns.dump();
            mlb.expect(0, "apply", "-f", spec("b", 4, 1).toString(), "--netns", ns.name, "--yes");
            ns.ip("rule", "add", "priority", "10050", "from", "198.18.99.1", "lookup", "201", "proto", "250");
            ns.ip("nexthop", "replace", "id", "200", "group", "201,9/202,9", "type", "resilient", "buckets", "512", "proto", "250");
            CliRunner.Run plan = mlb.expect(0, "plan", "-f", a.toString(), "--netns", ns.name);
            assertTrue(plan.out().startsWith("Changed outside mlb"), plan.toString());
            assertTrue(plan.out().contains("+ priority 10050 from 198.18.99.1 lookup 201"), plan.toString());
            assertTrue(plan.out().contains("~ id 200 group 201,9/202,9"), plan.toString());
            assertTrue(mlb.expect(0, "status", "--netns", ns.name).out().contains("Drift:           yes"));
            mlb.expect(0, "rollback", "--netns", ns.name, "--yes");
            assertEquals(afterA, ns.dump());
            assertTrue(mlb.expect(0, "status", "--netns", ns.name).out().contains("Drift:           no"));
        }
    }

    @Test
    void aFailedApplyIsRecordedAsSuch() throws IOException {
        try (Netns ns = Netns.create()) {
            Path saved = tmp.resolve("a.plan");
            mlb.expect(0, "plan", "-f", spec("a", 1, 3).toString(), "--netns", ns.name, "-o", saved.toString());
            String before = ns.dump();
            // No route to wan2's gateway any more: the plan still fits, the kernel refuses wan2's nexthop.
            ns.ip("route", "del", "198.18.2.0/24", "dev", "wan2");
            String withoutWan2 = ns.dump();
            CliRunner.Run r = mlb.expect(1, "apply", saved.toString(), "--netns", ns.name, "--yes");
            assertTrue(r.err().contains("recorded as"), r.toString());
            assertEquals(withoutWan2, ns.dump(), "reverted");
            assertTrue(!before.equals(withoutWan2));
            String history = mlb.expect(0, "history", "--netns", ns.name).out();
            assertEquals(1, history.split("\n").length, history);
            assertTrue(history.contains(" reverted ") && history.contains("apply a:"), history);
            String rev = history.substring(0, 7);
            CliRunner.Run show = mlb.expect(0, "show", rev);
            assertTrue(show.out().contains("Outcome: reverted") && show.out().contains("ip nexthop add id 202"), show.toString());
        }
    }

    @Test
    void twoTargetsKeepSeparateHistoriesInOneRepo() throws IOException {
        try (Netns one = Netns.create(); Netns two = Netns.create()) {
            mlb.expect(0, "apply", "-f", spec("a", 1, 3).toString(), "--netns", one.name, "--yes");
            mlb.expect(0, "apply", "-f", spec("b", 2, 3).toString(), "--netns", one.name, "--yes");
            mlb.expect(0, "apply", "-f", spec("c", 5, 1).toString(), "--netns", two.name, "--yes");
            assertEquals(2, entries(one));
            assertEquals(1, entries(two));
            String revOfTwo = mlb.expect(0, "history", "--netns", two.name).out().substring(0, 7);
            mlb.expect(64, "rollback", revOfTwo, "--netns", one.name, "--yes");
            mlb.expect(64, "rollback", "--netns", two.name, "--yes");
            mlb.expect(64, "show", "0000000");
            CliRunner.Run d = mlb.expect(0, "diff", mlb.expect(0, "history", "--netns", one.name).out().substring(0, 7));
            assertTrue(d.out().contains("-weight = 1") && d.out().contains("+weight = 2"), d.toString());
            mlb.expect(0, "destroy", "--netns", two.name, "--yes");
            assertTrue(mlb.expect(0, "history", "--netns", two.name).out().contains("destroy netns " + two.name));
        }
    }

    @Test
    void anUnconfirmedApplyRevertsByItselfAndAConfirmedOneStays() throws Exception {
        try (Netns ns = Netns.create()) {
            mlb.expect(0, "apply", "-f", spec("a", 1, 3).toString(), "--netns", ns.name, "--yes");
            String afterA = ns.dump();
            mlb.expect(0, "apply", "-f", spec("b", 2, 5).toString(), "--netns", ns.name, "--yes", "--confirm", "2s");
            String pending = mlb.expect(0, "status", "--netns", ns.name).out();
            assertTrue(pending.contains("Pending confirm: yes"), pending);
            java.util.regex.Matcher watcher = java.util.regex.Pattern.compile("\\(watcher pid (\\d+)\\)").matcher(pending);
            assertTrue(watcher.find(), pending);
            // The watcher commits the revert, then clears the pending confirm, then exits: under load status can
            // look between the first two (and then rightly says the revert is under way), so wait for the cause.
            ProcessHandle.of(Long.parseLong(watcher.group(1))).ifPresent(w -> w.onExit().orTimeout(60, TimeUnit.SECONDS).join());
            assertEquals(afterA, ns.dump(), "reverted by the watcher");
            assertTrue(mlb.expect(0, "history", "--netns", ns.name).out().contains("revert unconfirmed apply"));
            assertTrue(mlb.expect(0, "status", "--netns", ns.name).out().contains("Pending confirm: no"));

            mlb.expect(0, "apply", "-f", spec("b", 2, 5).toString(), "--netns", ns.name, "--yes", "--confirm", "2s");
            String afterB = ns.dump();
            assertTrue(mlb.expect(0, "confirm", "--netns", ns.name).out().startsWith("Confirmed"));
            Thread.sleep(3000);
            assertEquals(afterB, ns.dump(), "a confirmed apply stays");
            assertEquals(4, entries(ns));
        }
    }

    static void assertPrivate(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            all.forEach(p -> {
                try {
                    String want = Files.isDirectory(p) ? "rwx------" : "rw-------";
                    assertEquals(want, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
