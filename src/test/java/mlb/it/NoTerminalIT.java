package mlb.it;

import mlb.cli.CliRunner;
import mlb.cli.Env;
import mlb.history.TwoLinks;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `echo | mlb destroy --netns NS`, as a script would run it, in a JVM of its own whose stdin is a pipe: nobody can
 * be asked, so without --yes it exits 64 and the kernel keeps every object. Real kernel; root only.
 */
class NoTerminalIT extends NetnsTest {
    private Process mlb(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "mlb.cli.Main"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("err").toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("yes\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mlb did not finish");
        return p;
    }

    @Test
    void aPipedDestroyWithoutYesIs64AndTheKernelKeepsEverything() throws Exception {
        Path state = tmp.resolve("state");
        Path spec = Files.writeString(tmp.resolve("two.toml"), TwoLinks.spec(3, 1));
        new CliRunner(Env.system(), state).expect(0, "apply", "-f", spec.toString(), "--netns", ns.name, "--yes");
        String applied = ns.dump();

        Process refused = mlb("destroy", "--state", state.toString(), "--netns", ns.name);
        String err = Files.readString(tmp.resolve("err"));
        assertEquals(64, refused.exitValue(), err);
        assertEquals("mlb: error: destroy asks before changing netns " + ns.name + ", and there is no terminal to ask on\n"
                + "  nothing was changed\n"
                + "  add --yes to destroy without asking (scripts and pipes must)\n", err);
        assertEquals(applied, ns.dump(), "the kernel keeps every object");

        assertEquals(0, mlb("destroy", "--state", state.toString(), "--netns", ns.name, "--yes").exitValue(),
                () -> "with --yes it destroys");
        new CliRunner(Env.system(), state).expect(2, "plan", "-f", spec.toString(), "--netns", ns.name, "--detailed-exitcode");
    }
}
