package mlb.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGINT to a real `mlb apply` of 20 000 pinned routes, at several moments: whatever the moment, the kernel is
 * afterwards exactly as before (no route of mlb's) or exactly as after (all of them), never in between; a reverted run
 * exits 130 and a complete one 0, each saying so once (the handler never speaks over the command: InterruptsTest).
 * Root and namespaces only.
 */
class InterruptIT {
    private static final int PINS = 20_000;
    @TempDir
    Path tmp;

    private Path spec() throws IOException {
        StringBuilder s = new StringBuilder(Netns.LINKS + """
                [[link.route]]
                to = "198.18.200.0/24"
                """);
        for (int i = 0; i < PINS - 1; i++) {
            s.append("[[link.route]]\nto = \"10.77.").append(i / 256).append('.').append(i % 256).append("/32\"\n");
        }
        return Files.writeString(tmp.resolve("pins.toml"), s.toString());
    }

    private record Run(int code, String err) {
    }

    /**
     * A real mlb process. Started through perl, which puts SIGINT back to its default: a process started in the
     * background by a non-interactive shell (as a test runner may be) inherits SIGINT ignored, and the JVM then
     * leaves it ignored.
     */
    private Process start(Netns ns, Path spec) throws IOException {
        List<String> argv = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "mlb.cli.Main", "--state", tmp.resolve("state").toString(),
                "apply", "-f", spec.toString(), "--netns", ns.name, "--yes"));
        return new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    private static Run signal(Process p, String signal) throws Exception {
        Netns.run("kill", "-" + signal, String.valueOf(p.pid()));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mlb did not end after SIG" + signal);
        return new Run(p.exitValue(), new String(p.getErrorStream().readAllBytes()));
    }

    /** Waits until the write has begun (the nexthops come first), then signals. */
    private Run signalDuringTheWrite(Netns ns, Path spec, String signal) throws Exception {
        Process p = start(ns, spec);
        long until = System.currentTimeMillis() + 60_000;
        while (ns.ipRaw("nexthop", "show", "id", "201").code() != 0 && p.isAlive() && System.currentTimeMillis() < until) {
            Thread.sleep(5);
        }
        return signal(p, signal);
    }

    private static int ownedRoutes(Netns ns) {
        String out = ns.ipRaw("-4", "route", "show", "table", "all", "proto", "250").out();
        return (int) out.lines().filter(l -> !l.isBlank() && !l.startsWith("\t") && !l.startsWith(" ")).count();
    }

    private static void assertBefore(Netns ns, Run r, String when) {
        assertEquals(0, ownedRoutes(ns), when + ": " + r.err());
        assertTrue(ns.ipRaw("rule", "show").out().lines().noneMatch(l -> l.contains("proto 250")), "no rule of mlb's left");
        assertTrue(ns.ipRaw("nexthop", "show").out().isBlank(), "no nexthop left");
        assertEquals(130, r.code(), r.err());
        assertFalse(r.err().contains("error") && !r.err().contains("mlb: error: interrupted; nothing was changed"),
                "never a misleading error: " + r.err());
        assertOneWord(r);
    }

    /** However late the signal came and however long the revert took: one line about the interrupt, not two. */
    private static void assertOneWord(Run r) {
        assertTrue(r.err().lines().filter(l -> l.toLowerCase().contains("interrupt")).count() <= 1, r.err());
    }

    @Test
    void anInterruptDuringTheWriteStopsAtASafePointAndReverts() throws Exception {
        Netns.assumeAvailable();
        Path spec = spec();
        for (String signal : new String[]{"INT", "TERM"}) {
            try (Netns ns = Netns.create()) {
                Run r = signalDuringTheWrite(ns, spec, signal);
                assertBefore(ns, r, "SIG" + signal + " during the write");
                Matcher m = Pattern.compile("Interrupt received: stopped after (\\d+) of (\\d+) commands, which were reverted;"
                        + " the kernel is as before \\(recorded as \\w+\\)").matcher(r.err());
                assertTrue(m.find(), r.err());
                assertTrue(Integer.parseInt(m.group(1)) > 0 && Integer.parseInt(m.group(1)) < Integer.parseInt(m.group(2)),
                        "it stopped inside the write: " + r.err());
            }
        }
    }

    @Test
    void anInterruptAtAnyOtherMomentLeavesTheKernelExactlyBeforeOrExactlyAfter() throws Exception {
        Netns.assumeAvailable();
        Path spec = spec();
        int whole = PINS + 3;   // the pins, the group route, one default route per link table
        for (long at : new long[]{300, 1500, 3000}) {
            try (Netns ns = Netns.create()) {
                Process p = start(ns, spec);
                Thread.sleep(at);
                Run r = signal(p, "INT");
                int routes = ownedRoutes(ns);
                if (routes == whole) {
                    // Complete before the signal, or when it came: the change stands, exit 0, said at most once.
                    assertEquals(0, r.code(), r.err());
                    assertTrue(r.err().isBlank() || r.err().matches("Interrupt received: the apply was complete when it came;"
                            + " the kernel holds the change \\(recorded as \\w+\\)\\.\n"), r.err());
                } else {
                    assertBefore(ns, r, "SIGINT after " + at + " ms, " + routes + " routes");
                    // Silence only when the signal came before main began (a slow JVM start): the JVM's own exit.
                    assertTrue(r.err().isBlank() || r.err().contains("interrupted") || r.err().contains("Interrupt received"),
                            r.err());
                }
            }
        }
    }
}
