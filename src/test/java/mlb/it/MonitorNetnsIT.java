package mlb.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `mlb monitor` as a user runs it (its own JVM, entering the namespace by itself), in a fresh namespace: one
 * monitor per target whatever its --state, and a monitor killed with -9 leaves no stale lock. Root only.
 */
class MonitorNetnsIT extends NetnsTest {
    private final List<Process> started = new ArrayList<>();

    /** A running `mlb --state STATE monitor -f SPEC --netns NS`, its output in files. */
    private record Monitor(Process process, Path out, Path err) {
        String log() {
            return read(out) + read(err);
        }

        private static String read(Path f) {
            try {
                return Files.readString(f);
            } catch (IOException e) {
                return "";
            }
        }

        /** The JVM that runs the monitor inside the namespace (`ip netns exec` execs it in place). */
        long inside() {
            return process.descendants().filter(p -> p.info().commandLine().map(c -> c.contains("mlb.cli.Main")).orElse(false))
                    .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
        }
    }

    /** The two links of every test namespace, each probing its gateway (the veth peer inside the namespace). */
    static String spec(String dev2) {
        return """
                [[link]]
                name = "isp1"
                dev = "wan1"
                gateway = "198.18.1.1"
                [link.check]
                targets = ["198.18.1.1"]

                [[link]]
                name = "isp2"
                dev = "%s"
                gateway = "198.18.2.1"
                [link.check]
                targets = ["198.18.2.1"]
                """.formatted(dev2);
    }

    private Monitor start(String name, Path state, Path spec) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "mlb.cli.Main", "--state", state.toString(), "monitor",
                "-f", spec.toString(), "--netns", ns.name));
        Path out = tmp.resolve(name + ".out");
        Path err = tmp.resolve(name + ".err");
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        started.add(p);
        return new Monitor(p, out, err);
    }

    private static void await(Monitor m, Predicate<String> seen, String what) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!seen.test(m.log()) && m.process().isAlive() && System.nanoTime() < until) sleep(50);
        assertTrue(seen.test(m.log()), () -> "no " + what + ":\n" + m.log());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stopMonitors() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    @Test
    void aSecondMonitorOnTheNamespaceExits75NamingTheFirstWhateverItsState() throws Exception {
        Path spec = Files.writeString(tmp.resolve("home.toml"), spec("wan2"));
        Path stateA = tmp.resolve("state-a");
        Monitor first = start("first", stateA, spec);
        await(first, l -> l.contains(" mlb monitor netns " + ns.name + ": "), "start line");
        long holder = first.inside();
        for (Path state : List.of(stateA, tmp.resolve("state-b"))) {
            Monitor second = start("second-" + state.getFileName(), state, spec);
            assertTrue(second.process().waitFor(60, TimeUnit.SECONDS), "the second monitor keeps running: " + second.log());
            assertEquals(75, second.process().exitValue(), second.log());
            assertTrue(Files.readString(second.err()).startsWith("mlb: error: another mlb monitor (pid " + holder + ", state "
                    + stateA + ") is running on netns " + ns.name + "\n"), second.log());
        }
        assertTrue(first.process().isAlive(), first.log());

        ProcessHandle.of(holder).ifPresent(ProcessHandle::destroyForcibly);
        assertTrue(first.process().waitFor(60, TimeUnit.SECONDS), "killed with -9: " + first.log());
        Monitor next = start("next", tmp.resolve("state-b"), spec);
        await(next, l -> l.contains(" mlb monitor netns " + ns.name + ": "), "start line after the first was killed with -9");
        assertTrue(next.process().isAlive(), next.log());
    }
}
