package mlb.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab's commands as a user types them: up, status, cut, heal, spec, down. */
class LabCliIT {
    private String out;
    private String err;

    private int lab(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = LabMain.run(new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void upStatusCutHealSpecDown(@TempDir Path dir) throws Exception {
        TestLabs.assumeRoot();
        String p = TestLabs.prefix();
        Path spec = dir.resolve("lab.toml");
        try {
            assertEquals(0, lab("up", "--prefix", p, "--rates", "8mbit,12mbit", "--write-spec", spec.toString()), err);
            assertTrue(out.contains("lab '" + p + "' is up"), out);
            assertEquals(LabSpec.of(Topology.of(p, List.of(Rate.mbit(8), Rate.mbit(12)))).toml(), Files.readString(spec));
            assertTrue(out.endsWith("\n# next: mlb plan -f " + spec + " --netns " + p + "-router\n"), out);

            assertEquals(0, lab("cut", "--prefix", p, "isp2"), err);
            assertEquals("isp2 upstream cut (carrier stays up; `mlb lab heal isp2 --prefix " + p + "` restores it)\n", out);
            assertEquals(0, lab("status", "--prefix", p), err);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("isp2") && l.endsWith("CUT")), out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("isp1") && l.endsWith("up")), out);
            assertEquals(0, lab("heal", "--prefix", p, "isp2"), err);
            assertEquals(0, lab("heal", "--prefix", p, "isp2"), "heal is idempotent: " + err);
            assertEquals(0, lab("status", "--prefix", p), err);
            assertTrue(out.lines().noneMatch(l -> l.endsWith("CUT")), out);

            assertEquals(64, lab("cut", "--prefix", p, "isp3"));
            assertEquals(0, lab("spec", "--prefix", p, "--hash", "l3", "--weights", "1,4"), err);
            assertTrue(out.contains("hash = \"l3\"") && out.contains("weight = 4"), out);
        } finally {
            assertEquals(0, lab("down", "--prefix", p), err);
        }
        assertTrue(out.startsWith("removed "), out);
        assertEquals(0, lab("down", "--prefix", p));
        assertEquals("no lab '" + p + "' to remove\n", out);
        assertEquals(1, lab("status", "--prefix", p));
    }

    /** Without --write-spec the command printed last names a spec file that exists, not a placeholder. */
    @Test
    void upNamesTheSpecItWrote() throws Exception {
        TestLabs.assumeRoot();
        String p = TestLabs.prefix();
        try {
            assertEquals(0, lab("up", "--prefix", p, "--links", "2"), err);
            String next = out.lines().reduce((a, b) -> b).orElse("");
            assertTrue(next.matches("# next: mlb plan -f /\\S+\\.toml --netns " + p + "-router"), out);
            Path spec = Path.of(next.split(" ")[5]);
            assertEquals(LabSpec.of(Topology.of(p, List.of(Rate.mbit(20), Rate.mbit(30)))).toml(), Files.readString(spec));
        } finally {
            assertEquals(0, lab("down", "--prefix", p), err);
        }
    }
}
