package mlb.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full and a read-only state file system, for real: a 512 KiB tmpfs mounted in a mount namespace of the probe's
 * own (`unshare --mount --propagation private`, so nothing is mounted for anyone else), filled until ENOSPC or
 * remounted read-only. An apply that cannot journal first must be refused (73) and leave the kernel alone.
 */
class StateDiskIT {
    @TempDir
    Path tmp;

    private Map<String, String> probe(String mode) throws Exception {
        assumeTrue(root(), "needs root to mount a tmpfs in a mount namespace");
        assumeTrue(run("unshare", "--mount", "--propagation", "private", "true") == 0, "needs unshare --mount (util-linux)");
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--", java, "-cp",
                System.getProperty("java.class.path"), DiskProbe.class.getName(), mode, mnt.toString(), tmp.toString())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        try (var left = Files.list(mnt)) {
            assertEquals(0, left.count(), "the tmpfs went with the probe's mount namespace");
        }
        Map<String, String> said = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) said.put(line.substring(0, colon), line.substring(colon + 2));
        }
        System.out.println("StateDiskIT " + mode + ":\n" + out);
        return said;
    }

    @Test
    void aFullStateDiskRefusesTheApplyBeforeTheKernelIsTouched() throws Exception {
        Map<String, String> said = probe("full");
        assertEquals("Right(APPLIED)", said.get("first"));
        assertEquals("No space left on device", said.get("filled"), "really ENOSPC");
        assertEquals("refused CANT_CREATE exit 73", said.get("second"));
        assertTrue(said.get("message").startsWith("cannot write the audit journal in ") && said.get("message").contains(
                "before changing the kernel: no space left on the file system of "), said.toString());
        assertEquals("true", said.get("kernel unchanged"));
        assertEquals("[]", said.get("journal"), "no half-written entry left");
    }

    @Test
    void theMonitorsFailoverOnAFullStateDiskReachesTheKernelAndIsRecordedOnceSpaceReturns() throws Exception {
        Map<String, String> said = probe("monitor");
        assertEquals("Right(APPLIED)", said.get("first"));
        assertEquals("No space left on device", said.get("filled"), "really ENOSPC");
        assertEquals("ran APPLIED", said.get("follow"), said.toString());
        assertEquals("true", said.get("kernel changed"));
        assertEquals("1", said.get("unrecorded"), "its record waits in memory");
        assertEquals("Right(true)", said.get("recorded once space returned"));
        assertTrue(said.get("history").startsWith("monitor: isp2 out (isp2 down): "), said.toString());
        assertEquals("false", said.get("drift"), "the history holds what the kernel holds");
    }

    @Test
    void aReadOnlyStateIsReportedAsSuchNotAsNotPermitted() throws Exception {
        Map<String, String> said = probe("readonly");
        assertEquals("Right(APPLIED)", said.get("first"));
        assertEquals("refused CANT_CREATE exit 73", said.get("second"));
        assertTrue(said.get("message").endsWith(" is on a read-only file system"), said.toString());
        assertEquals("true", said.get("kernel unchanged"));
    }

    private static boolean root() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int run(String... argv) {
        try {
            return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
