package mlb.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 during the first creation of audit repos, for real: a child JVM creates repos one after another and
 * is killed at a random moment; every directory it touched, the one it was killed in included, must then open,
 * take a commit and read it back. Before, such a directory failed every later record.
 */
class CreationKillTest {
    @TempDir
    Path tmp;

    @Test
    void aRepoWhoseCreationWasKilledOpensAndRecordsAfterwards() throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int repos = 0;
        for (int round = 0; round < 4; round++) {
            Path dir = Files.createDirectories(tmp.resolve("round-" + round));
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CreateRepos.class.getName(),
                    dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertEquals("go", new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine());
            Thread.sleep(100 + rnd.nextInt(400));
            p.destroyForcibly().waitFor();
            List<Path> touched;
            try (Stream<Path> s = Files.list(dir)) {
                touched = s.toList();
            }
            for (Path repo : touched) {
                String where = repo + " (seed " + seed + ")";
                try (History h = History.open(repo)) {
                    h.commit(HalfCreatedRepoTest.applied("after the kill"));
                }
                try (History h = History.existing(repo).get()) {
                    assertEquals("after the kill", h.latest("netns-mlbt-unit").get().title(), where);
                }
                try (Stream<Path> s = Files.list(repo)) {
                    assertTrue(s.noneMatch(f -> f.getFileName().toString().startsWith(".mlb-init-")), where);
                }
                repos++;
            }
        }
        System.out.println("CreationKillTest: " + repos + " repos reopened after 4 kills (seed " + seed + ")");
    }
}
