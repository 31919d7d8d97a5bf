package mlb.cli;

import mlb.engine.Workspace;
import mlb.kernel.FakeKernel;
import mlb.view.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `mlb plan --assume`: the plan the monitor would apply with links down (or up), written nowhere. */
class AssumeTest {
    @TempDir
    Path tmp;
    final FakeKernel kernel = FakeKernel.standard();

    private final Env env = new Env() {
        @Override
        public Workspace workspace(Path stateDir) {
            return Workspace.system(stateDir).withKernels(target -> kernel.kernel());
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public Path defaultStateDir() {
            return tmp.resolve("state");
        }
    };

    private final CliRunner mlb = new CliRunner(env);

    private String spec() throws IOException {
        return Files.writeString(tmp.resolve("s.toml"), """
                [[link]]
                name = "isp1"
                dev = "wan1"
                gateway = "198.18.1.1"
                weight = 2
                [[link]]
                name = "isp2"
                dev = "wan2"
                gateway = "198.18.2.1"
                weight = 3
                """).toString();
    }

    @Test
    void aLinkAssumedDownLeavesTheGroupInThePlanAndNothingIsWritten() throws IOException {
        String spec = spec();
        mlb.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes");
        int written = kernel.executed().size();
        CliRunner.Run r = mlb.expect(0, "plan", "-f", spec, "--netns", "lab", "--assume", "isp2=down");
        assertTrue(r.out().contains("id 200 group 201,2 type resilient"), r.toString());
        assertTrue(r.out().contains("assumed isp2 down: the plan the monitor would apply"), r.toString());
        assertTrue(r.out().contains("Plan: 0 to add, 1 to change, 0 to destroy."), r.toString());
        assertEquals(written, kernel.executed().size(), "a what-if writes nothing");
        mlb.expect(0, "plan", "-f", spec, "--netns", "lab", "--assume", "isp2=up", "--detailed-exitcode");
    }

    @Test
    void mistakesAreUsageErrors() throws IOException {
        String spec = spec();
        CliRunner.Run unknown = mlb.expect(Exit.USAGE, "plan", "-f", spec, "--netns", "lab", "--assume", "isp9=down");
        assertTrue(unknown.err().contains("--assume names isp9, which is not a link of the spec"), unknown.toString());
        assertTrue(unknown.err().contains("links: isp1, isp2"), unknown.toString());
        CliRunner.Run word = mlb.expect(Exit.USAGE, "plan", "-f", spec, "--netns", "lab", "--assume", "isp2=sideways");
        assertTrue(word.err().contains("--assume takes LINK=down or LINK=up, not 'isp2=sideways'"), word.toString());
        CliRunner.Run saved = mlb.expect(Exit.USAGE, "plan", "-f", spec, "--netns", "lab", "--assume", "isp2=down",
                "-o", tmp.resolve("p.json").toString());
        assertTrue(saved.err().contains("cannot be saved with -o"), saved.toString());
    }
}
