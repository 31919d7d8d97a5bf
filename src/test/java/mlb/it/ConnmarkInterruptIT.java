package mlb.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C during a connmark apply's nft write, the way a terminal sends it: SIGINT to the whole process group, so
 * `nft -f` dies with mlb mid-transaction. The nft table is one transaction the kernel commits whole or not at all,
 * and mlb reverts what it wrote before it: afterwards ip and nftables are exactly as before (exit 130) or exactly
 * as after (exit 0), never in between. The write is made long by a pin to 20 000 destinations (one nft set).
 * Root and namespaces only.
 */
class ConnmarkInterruptIT {
    private static final int DESTINATIONS = 20_000;
    @TempDir
    Path tmp;

    private Path spec() throws IOException {
        StringBuilder s = new StringBuilder("""
                [balancer]
                mode = "connmark"
                lan = ["10.77.0.0/24"]
                """ + Netns.LINKS + """
                [[pin]]
                name = "many"
                links = ["isp1", "balance"]
                dst = [
                """);
        for (int i = 0; i < DESTINATIONS; i++) {
            s.append("  \"198.19.").append(i / 256).append('.').append(i % 256).append("/32\",\n");
        }
        return Files.writeString(tmp.resolve("connmark.toml"), s.append("]\n").toString());
    }

    /**
     * A real mlb process leading a process group of its own (as a terminal's foreground job), SIGINT at its
     * default (a background process of a non-interactive shell inherits it ignored).
     */
    private Process start(Netns ns, Path spec) throws IOException {
        List<String> argv = List.of("perl", "-e", "setpgrp(0, 0); $SIG{INT} = 'DEFAULT'; exec @ARGV or die",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "mlb.cli.Main", "--state", tmp.resolve("state").toString(),
                "apply", "-f", spec.toString(), "--netns", ns.name, "--yes");
        return new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(tmp.resolve("err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    /** Whether mlb's `nft -f -` is running now: the moment of the write, seen from outside. */
    private static boolean writingNft(Process p) {
        return p.descendants().anyMatch(d -> d.info().commandLine().map(c -> c.contains("nft -f")).orElse(false));
    }

    private static String kernel(Netns ns) {
        return ns.dump() + ns.exec("nft", "list", "ruleset");
    }

    @Test
    void ctrlCDuringTheNftWriteLeavesIpAndNftablesExactlyBeforeOrExactlyAfter() throws Exception {
        Netns.assumeAvailable();
        Path spec = spec();
        try (Netns ns = Netns.create()) {
            String before = kernel(ns);
            Process p = start(ns, spec);
            long until = System.currentTimeMillis() + 60_000;
            while (!writingNft(p) && p.isAlive() && System.currentTimeMillis() < until) Thread.sleep(2);
            assertTrue(p.isAlive(), () -> "the apply ended before its nft write was seen: exit " + p.exitValue());
            Netns.run("kill", "-INT", "--", "-" + p.pid());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                String threads = Netns.run("jstack", String.valueOf(p.pid())).out();
                p.destroyForcibly();
                throw new AssertionError("mlb did not end after Ctrl-C\n" + Files.readString(tmp.resolve("err")) + threads);
            }
            String err = Files.readString(tmp.resolve("err"));
            String after = kernel(ns);
            if (p.exitValue() == 0) {
                assertTrue(after.contains("198.19.78.31") && after.contains("fwmark"), "complete: the set's last element"
                        + " and the mark rules are in\n" + err + after);
            } else {
                assertEquals(130, p.exitValue(), err);
                assertEquals(before, after, "reverted: ip and nftables exactly as before\n" + err);
                assertTrue(err.lines().filter(l -> l.toLowerCase().contains("interrupt")).count() == 1, err);
            }
        }
    }
}
