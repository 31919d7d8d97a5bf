package mlb.history;

import mlb.cli.CliRunner;
import mlb.cli.Env;
import mlb.it.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kill -9 at random moments of `mlb apply` (a child JVM against a namespace): the audit repo must still pass
 * `git fsck`, and the next apply must converge and be recorded.
 */
class CrashIT {
    private static final int ROUNDS = 8;

    @TempDir
    Path tmp;

    @Test
    void killedAppliesLeaveASoundRepoAndTheNextApplyConvergesAndRecords() throws Exception {
        Netns.assumeAvailable();
        assumeTrue(run(tmp, "git", "--version").exit == 0, "needs git for git fsck");
        Path state = tmp.resolve("state");
        CliRunner mlb = new CliRunner(Env.system(), state);
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        try (Netns ns = Netns.create()) {
            for (int i = 0; i < ROUNDS; i++) {
                Path killed = Files.writeString(tmp.resolve("killed.toml"), TwoLinks.spec(1 + i, 100));
                Process p = child(state, killed, ns, tmp.resolve("child-" + i + ".log"));
                long after = 50 + rnd.nextInt(1450);
                Thread.sleep(after);
                p.destroyForcibly().waitFor();
                Thread.sleep(100);  // an `ip -batch` orphaned by the kill finishes its few lines
                String round = "round " + i + " (seed " + seed + ", killed after " + after + " ms)";
                if (Files.exists(state.resolve("config"))) assertFsckClean(state, round);

                int before = entries(mlb, ns);
                Path next = Files.writeString(tmp.resolve("next.toml"), TwoLinks.spec(1 + i, 50));
                mlb.expect(0, "apply", "-f", next.toString(), "--netns", ns.name, "--yes");
                mlb.expect(0, "plan", "-f", next.toString(), "--netns", ns.name, "--detailed-exitcode");
                List<String> history = List.of(mlb.expect(0, "history", "--netns", ns.name).out().split("\n"));
                assertTrue(history.size() > before, round + ": the apply was recorded: " + history);
                assertTrue(history.get(0).contains(" applied ") && history.get(0).contains("apply next:"), round + ": " + history);
                assertFsckClean(state, round);
            }
            System.out.println("CrashIT seed " + seed + ", history after " + ROUNDS + " kills:\n"
                    + mlb.expect(0, "history", "--netns", ns.name).out());
            HistoryIT.assertPrivate(state);
        }
    }

    private static int entries(CliRunner mlb, Netns ns) {
        String out = mlb.run("history", "--netns", ns.name).out();
        return out.isBlank() ? 0 : out.split("\n").length;
    }

    private static Process child(Path state, Path spec, Netns ns, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "mlb.cli.Main",
                "--state", state.toString(), "apply", "-f", spec.toString(), "--netns", ns.name, "--yes")
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(new File("/dev/null")).start();
    }

    private static void assertFsckClean(Path repo, String round) throws Exception {
        Result r = run(repo, "git", "-c", "safe.directory=*", "fsck", "--full", "--no-progress");
        String lower = r.out.toLowerCase();
        assertEquals(0, r.exit, round + ": git fsck: " + r.out);
        for (String bad : new String[]{"error", "fatal", "missing", "corrupt", "broken", "garbage"}) {
            assertTrue(!lower.contains(bad), round + ": git fsck: " + r.out);
        }
    }

    private record Result(int exit, String out) {
    }

    private static Result run(Path dir, String... argv) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
