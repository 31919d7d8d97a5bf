package mlb.cli;

import mlb.engine.Lock;
import mlb.history.TwoLinks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGINT to a real mlb process (Main's handler and exit) at a moment the fake kernel names, so the moment does not
 * depend on the machine's load: the exit code and one message say what the kernel holds. The stopped moment is
 * then held for 1.5 s, longer than the handler waits for an operation that changed nothing, as a 20 000-route
 * write does under load (issue 14: `Applying …` then silence and 130, or `Apply complete` and 130, or
 * `mlb: interrupted` beside `Interrupt received`). No root needed.
 */
class InterruptedChangeTest {
    private static final long HOLD_MS = 1500;
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Started through perl, which puts SIGINT back to its default (see mlb.it.InterruptIT). */
    private Run interruptedAt(String moment, String signal) throws Exception {
        String ns = "mlbt-never-" + java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(4));
        Path marker = tmp.resolve(moment + "-" + signal + ".stopped");
        Path out = tmp.resolve(moment + "-" + signal + ".out");
        Path err = tmp.resolve(moment + "-" + signal + ".err");
        List<String> argv = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                SignalledApply.class.getName(), moment, marker.toString(), String.valueOf(HOLD_MS),
                "-f", Files.writeString(tmp.resolve("home.toml"), TwoLinks.spec(5, 1)).toString(),
                "--netns", ns, "--state", tmp.resolve("state-" + ns).toString()));
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            long until = System.currentTimeMillis() + 120_000;
            while (!Files.exists(marker) && p.isAlive() && System.currentTimeMillis() < until) Thread.sleep(5);
            assertTrue(Files.exists(marker), "the apply reached the moment " + moment + ": " + Files.readString(err));
            new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mlb did not end after SIG" + signal);
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(Lock.systemDir().resolve("netns-" + ns + ".lock"));
        }
    }

    @Test
    void anInterruptDuringTheLastBatchExitsZeroSayingTheChangeWasComplete() throws Exception {
        for (String signal : new String[]{"INT", "TERM"}) {
            Run r = interruptedAt("last", signal);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("Apply complete: "), r::toString);
            assertTrue(r.err().matches("Interrupt received: the apply was complete when it came; the kernel holds the change"
                    + " \\(recorded as [0-9a-f]{7}\\)\\.\n"), r::toString);
        }
    }

    @Test
    void anInterruptDuringTheWriteExits130WithTheRevertSaidOnce() throws Exception {
        for (String signal : new String[]{"INT", "TERM"}) {
            Run r = interruptedAt("batch", signal);
            assertEquals(130, r.code(), r::toString);
            assertTrue(r.err().matches("Interrupt received: stopped after 8 of \\d+ commands, which were reverted; the kernel is"
                    + " as before \\(recorded as [0-9a-f]{7}\\)\\.\n"), r::toString);
            assertTrue(!r.out().contains("complete"), r::toString);
        }
    }
}
