package mlb.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * kill -9 while commits follow one another, for real: JGit writes loose objects with the process umask (0444
 * under 022) and mlb tightens them after the commit, so a kill in between left them readable to all (CrashIT saw
 * one). The next commit must leave everything in the state directory 0600/0700 again. No root needed.
 */
class CommitKillTest {
    @TempDir
    Path tmp;

    @Test
    void whatAKilledCommitLeftIsPrivateAfterTheNextCommit() throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 4; round++) {
            Path state = Private.dir(tmp.resolve("state-" + round));
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CommitRecords.class.getName(),
                    state.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertEquals("go", new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine());
            Thread.sleep(50 + rnd.nextInt(450));
            p.destroyForcibly().waitFor();
            try (History h = History.open(state)) {
                h.commit(HalfCreatedRepoTest.applied("after the kill"));
            }
            HistoryIT.assertPrivate(state);
        }
        System.out.println("CommitKillTest: 4 kills (seed " + seed + ")");
    }
}
