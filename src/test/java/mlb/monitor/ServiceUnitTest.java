package mlb.monitor;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The systemd unit scripts/install-monitor writes: the launcher's own path, the spec, the arguments, valid. */
class ServiceUnitTest {
    @TempDir
    Path tmp;

    private static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void theUnitRunsThisCheckoutsMlbOnTheSpecAndReloadsOnHangup() throws Exception {
        String unit = run("scripts/install-monitor", "--print", "/etc/mlb/home.toml", "--netns", "router", "--metrics", "127.0.0.1:9101");
        String mlb = Path.of("mlb").toAbsolutePath().toString();
        assertTrue(unit.contains("\nExecStart=" + mlb + " monitor -f /etc/mlb/home.toml --netns router --metrics 127.0.0.1:9101\n"), unit);
        assertTrue(unit.contains("\nExecReload=/bin/kill -HUP $MAINPID\n"), unit);
        assertTrue(unit.contains("\nRestart=on-failure\n") && unit.contains("\nSuccessExitStatus=130 143\n"), unit);
        assertTrue(unit.contains("\nAfter=network-online.target\n"), unit);
        Path file = Files.writeString(tmp.resolve("mlb-monitor.service"), unit);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        assertEquals("", run("systemd-analyze", "verify", file.toString()).strip(), "systemd finds nothing wrong");
    }

    /** Only settings are filled in: a comment naming the placeholders read `… nb.toml and .` once filled. */
    @Test
    void theCommentsAreTheTemplatesAndSayWhatIsFilledIn() throws Exception {
        String unit = run("scripts/install-monitor", "--print", "/etc/mlb/nb.toml");
        java.util.List<String> comments = unit.lines().filter(l -> l.startsWith("#")).toList();
        assertEquals(Files.readAllLines(Path.of("contrib/mlb-monitor.service")).stream().filter(l -> l.startsWith("#")).toList(),
                comments);
        assertTrue(comments.stream().noneMatch(l -> l.contains("@")), "no placeholder left in a comment: " + comments);
    }

    @Test
    void argumentsThatCouldBreakTheUnitAreRefused() throws Exception {
        Process p = new ProcessBuilder("scripts/install-monitor", "--print", "/etc/mlb/home.toml", "--netns", "x\nExecStartPre=/bin/rm")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(64, p.waitFor(), out);
        assertTrue(out.startsWith("mlb: error: unsafe argument for the unit"), out);
    }
}
