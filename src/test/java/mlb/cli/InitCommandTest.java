package mlb.cli;

import mlb.engine.Workspace;
import mlb.init.FakeHostLinks;
import mlb.init.HostLinks;
import mlb.kernel.KernelError;
import mlb.proc.Target;
import mlb.view.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `mlb init` over a written-down host: what it prints, where it writes, what it refuses. */
class InitCommandTest {
    @TempDir
    Path dir;
    HostLinks host = new FakeHostLinks()
            .uplink("wan1", "198.18.1.2", "198.18.1.1", 100, 1000)
            .uplink("wan2", "198.18.2.2", "198.18.2.1", 200, 100);
    final List<Target> asked = new ArrayList<>();

    private final Env env = new Env() {
        @Override
        public Workspace workspace(Path stateDir) {
            throw new AssertionError("mlb init reads no history");
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public Path defaultStateDir() {
            return dir.resolve("state");
        }

        @Override
        public HostLinks hostLinks(Target target) {
            asked.add(target);
            return host;
        }
    };
    private final CliRunner mlb = new CliRunner(env);

    @Test
    void printsASpecThatValidatesAndWarnsOfNothing() throws IOException {
        CliRunner.Run r = mlb.expect(0, "init", "--netns", "lab");
        assertEquals("", r.err());
        assertEquals(List.of(Target.netns("lab")), asked);
        assertTrue(r.out().startsWith("# A first mlb spec, written by `mlb init` from the links of netns lab: 2 uplinks found.\n"), r.out());
        Path spec = Files.writeString(dir.resolve("spec.toml"), r.out());
        assertEquals(spec + ": valid (2 links, route mode, l4 hashing)\n", mlb.expect(0, "validate", "-f", spec.toString()).out());
    }

    @Test
    void writesANewFileAndNeverOverwritesOne() throws IOException {
        Path out = dir.resolve("mlb.toml");
        CliRunner.Run wrote = mlb.expect(0, "init", "-o", out.toString());
        assertEquals("wrote " + out + " (2 uplinks found): check its comments, then: mlb validate -f " + out + "\n", wrote.out());
        assertTrue(Files.readString(out).contains("gateway = \"198.18.2.1\""));
        Files.writeString(out, "# mine\n");
        CliRunner.Run refused = mlb.expect(Exit.CANT_CREATE, "init", "-o", out.toString());
        assertEquals("mlb: error: " + out + " exists: mlb init does not overwrite a file\n"
                + "  move it away, or write elsewhere: mlb init -o OTHER\n", refused.err());
        assertEquals("", refused.out());
        assertEquals("# mine\n", Files.readString(out));
    }

    @Test
    void aDanglingSymlinkIsAnExistingFileToo() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.toml"), dir.resolve("elsewhere.toml"));
        mlb.expect(Exit.CANT_CREATE, "init", "-o", link.toString());
        assertTrue(!Files.exists(dir.resolve("elsewhere.toml")));
    }

    @Test
    void aDirectoryThatIsNotThereCannotBeWritten() {
        Path out = dir.resolve("no/such/dir/mlb.toml");
        CliRunner.Run r = mlb.expect(Exit.CANT_CREATE, "init", "-o", out.toString());
        assertTrue(r.err().startsWith("mlb: error: cannot write " + out + ": "), r.err());
    }

    @Test
    void oneUplinkIsSaidOnStderrAndTheTemplateStillValidates() throws IOException {
        host = new FakeHostLinks().uplink("wan1", "198.18.1.2", "198.18.1.1", 0, 0);
        CliRunner.Run r = mlb.expect(0, "init");
        assertEquals("mlb: warning: found one uplink (wan1) on the host: balancing needs two; "
                + "the spec has placeholders to fill in\n", r.err());
        Path spec = Files.writeString(dir.resolve("spec.toml"), r.out());
        mlb.expect(0, "validate", "-f", spec.toString());
    }

    @Test
    void aKernelThatCannotBeReadIsAnErrorAndNoOutput() {
        host = new HostLinks() {
            @Override
            public io.vavr.collection.Map<String, mlb.model.Device> devices() {
                return io.vavr.collection.TreeMap.empty();
            }

            @Override
            public io.vavr.collection.List<mlb.init.GatewayRoute> routes() {
                throw KernelError.from("reading the routes", "Cannot open network namespace \"gone\": No such file or directory");
            }

            @Override
            public io.vavr.control.Option<Integer> speed(String dev) {
                return io.vavr.control.Option.none();
            }
        };
        CliRunner.Run r = mlb.expect(Exit.FAILED, "init", "--netns", "gone");
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("mlb: error: reading the routes: Cannot open network namespace \"gone\""), r.err());
    }
}
