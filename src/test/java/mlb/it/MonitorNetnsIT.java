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
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private Monitor start(String name, Path state, Path spec, String... more) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "mlb.cli.Main", "--state", state.toString(), "monitor",
                "-f", spec.toString(), "--netns", ns.name));
        argv.addAll(List.of(more));
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

    /**
     * Moves the gateways' ends (wan1p, wan2p) into a namespace of their own, so that each link's probe really
     * crosses its link and is answered; returns that namespace's name, to delete afterwards.
     */
    private String gatewaysApart() {
        String peer = "mlbt-" + java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(5));
        assertEquals(0, Netns.run("ip", "netns", "add", peer).code());
        for (int n = 1; n <= 2; n++) {
            ns.ip("link", "set", "wan" + n + "p", "netns", peer);
            assertEquals(0, Netns.run("ip", "-n", peer, "addr", "add", "198.18." + n + ".1/24", "dev", "wan" + n + "p").code());
            assertEquals(0, Netns.run("ip", "-n", peer, "link", "set", "wan" + n + "p", "up").code());
        }
        return peer;
    }

    @Test
    void aReloadNamingADeviceThatDoesNotExistLeavesTheRunningSpecAndTheKernelAsTheyWere() throws Exception {
        String peer = gatewaysApart();
        try {
            Path spec = Files.writeString(tmp.resolve("home.toml"), spec("wan2"));
            Monitor m = start("monitor", tmp.resolve("state"), spec);
            await(m, l -> l.contains(" isp1 up: ") && l.contains(" isp2 up: ") && l.contains(" balancing over isp1, isp2: "),
                    "first verdicts and the first apply");
            String before = ns.dump();
            Files.writeString(spec, spec("wan9"));
            assertEquals(0, Netns.run("kill", "-HUP", String.valueOf(m.process().pid())).code());
            await(m, l -> l.contains("is not used"), "refused reload");
            assertTrue(m.log().contains(" mlb: the changed spec " + spec + " is not used, the running one stays in force: the spec"
                    + " does not fit netns " + ns.name + " (1 problem); link isp2: device wan9 does not exist"), m.log());
            m.log().lines().filter(l -> l.contains("is not used")).forEach(System.out::println);
            // With the new spec in force isp2's probes would fail from here on: down 4 x 200 ms + timeout 150 ms.
            sleep(2500);
            assertEquals(before, ns.dump(), m.log());
            assertTrue(!m.log().contains("isp2 down") && !m.log().contains("spec reloaded"), m.log());
        } finally {
            Netns.run("ip", "netns", "del", peer);
        }
    }

    private String listening() {
        return Netns.run("ip", "netns", "exec", ns.name, "ss", "-Hltn").out();
    }

    private void stop(Monitor m) throws InterruptedException {
        m.process().destroy();
        assertTrue(m.process().waitFor(30, TimeUnit.SECONDS), m.log());
    }

    @Test
    void metricsOnABarePortAreLoopbacksAWildcardIsWarnedAboutAndABusyPortExits75() throws Exception {
        Path spec = Files.writeString(tmp.resolve("home.toml"), spec("wan2"));
        Monitor bare = start("bare", tmp.resolve("state"), spec, "--metrics", "9101");
        await(bare, l -> l.contains(" metrics on "), "metrics line");
        assertTrue(bare.log().contains(" metrics on http://127.0.0.1:9101/metrics in netns " + ns.name + "\n"), bare.log());
        // Java's dual-stack socket shows loopback as ::ffff:127.0.0.1.
        assertTrue(listening().matches("(?s).*\\s(\\[::ffff:)?127\\.0\\.0\\.1]?:9101\\s.*"), listening());
        assertTrue(!listening().matches("(?s).*(\\*|0\\.0\\.0\\.0|\\[::]):9101\\s.*"), listening());
        stop(bare);

        Monitor wildcard = start("wildcard", tmp.resolve("state"), spec, "--metrics", "0.0.0.0:9102");
        await(wildcard, l -> l.contains("served on every interface"), "warning");
        assertTrue(wildcard.log().contains(" mlb: warning: the metrics on 0.0.0.0:9102 are served on every interface of netns "
                + ns.name + " (the LAN and the ISP side too)"), wildcard.log());
        stop(wildcard);

        Process port = new ProcessBuilder("ip", "netns", "exec", ns.name, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldPort.class.getName(), "9101").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            assertEquals("listening", new java.io.BufferedReader(new java.io.InputStreamReader(port.getInputStream())).readLine());
            Monitor busy = start("busy", tmp.resolve("state"), spec, "--metrics", "9101");
            assertTrue(busy.process().waitFor(60, TimeUnit.SECONDS), busy.log());
            System.out.print(Files.readString(busy.err()));
            assertEquals(75, busy.process().exitValue(), busy.log());
            assertEquals("mlb: error: cannot serve metrics on 127.0.0.1:9101: the port is in use\n  nothing was changed\n"
                    + "  stop what listens on 127.0.0.1:9101 in netns " + ns.name + ", or give another port to --metrics\n",
                    Files.readString(busy.err()));
        } finally {
            port.getOutputStream().close();
            port.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theMonitorsChangeWaitingInTheJournalIsNoDriftToStatusOrPlan() throws Exception {
        String peer = gatewaysApart();
        try {
            Path spec = Files.writeString(tmp.resolve("home.toml"), spec("wan2"));
            Path state = tmp.resolve("state");
            Monitor m = start("monitor", state, spec);
            await(m, l -> l.contains(" isp1 up: ") && l.contains(" isp2 up: ") && l.contains(" balancing over isp1, isp2: "),
                    "first verdicts and the first apply");
            assertEquals(0, Netns.run("ip", "-n", peer, "addr", "del", "198.18.2.1/24", "dev", "wan2p").code());
            // The first apply was recorded at once; the next change within 10 s waits in the journal to be coalesced.
            await(m, l -> l.contains(" balancing over isp1: "), "isp2 out");
            com.fasterxml.jackson.databind.JsonNode status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    new mlb.cli.CliRunner(mlb.cli.Env.system(), state).expect(0, "status", "--netns", ns.name, "--json").out());
            assertTrue(status.path("journal_pending").asBoolean(), () -> "the held change was committed before status looked: " + status);
            assertEquals(false, status.path("drift").path("drifted").asBoolean(true), status::toString);
            mlb.cli.CliRunner.Run plan = new mlb.cli.CliRunner(mlb.cli.Env.system(), state).run("plan", "-f", spec.toString(),
                    "--netns", ns.name);
            assertEquals(0, plan.code(), plan::toString);
            assertTrue(!plan.out().contains("outside mlb"), plan::toString);
        } finally {
            Netns.run("ip", "netns", "del", peer);
        }
    }

    @Test
    void aPersonsApplyOfAnotherSpecIsRefusedWhileAMonitorFollowsOneAndTheSameTextIsNot() throws Exception {
        String peer = gatewaysApart();
        try {
            Path spec = Files.writeString(tmp.resolve("home.toml"), spec("wan2"));
            Path state = tmp.resolve("state");
            Monitor m = start("monitor", state, spec);
            await(m, l -> l.contains(" balancing over isp1, isp2: "), "the first apply");
            await(m, l -> l.contains(" isp1 up: ") && l.contains(" isp2 up: "), "first verdicts");
            String before = ns.dump();
            Path other = Files.writeString(tmp.resolve("other.toml"), spec("wan2").replace("name = \"isp2\"\n",
                    "name = \"isp2\"\nweight = 3\n"));
            mlb.cli.CliRunner cli = new mlb.cli.CliRunner(mlb.cli.Env.system(), state);
            mlb.cli.CliRunner.Run refused = cli.run("apply", "-f", other.toString(), "--netns", ns.name, "--yes");
            System.out.print(refused.err());
            assertEquals(75, refused.code(), refused::toString);
            assertEquals("mlb: error: mlb monitor (pid " + m.inside() + ") follows " + spec + " on netns " + ns.name
                    + ": it would undo an apply of " + other + " at its next kernel check\n  nothing was changed\n  change " + spec
                    + " instead: the monitor reloads it (after the host checks a plan makes)\n  or stop the monitor first (kill "
                    + m.inside() + "), then apply\n", refused.err());
            assertEquals(before, ns.dump(), "nothing was changed");
            Path copy = Files.writeString(tmp.resolve("copy.toml"), spec("wan2"));
            cli.expect(0, "apply", "-f", copy.toString(), "--netns", ns.name, "--yes");
            cli.expect(0, "apply", "-f", spec.toString(), "--netns", ns.name, "--yes");
        } finally {
            Netns.run("ip", "netns", "del", peer);
        }
    }

    @Test
    void aHangingStartupHookDelaysNoOtherLinksHookAndTheStopLeavesNoHookBehind() throws Exception {
        String peer = gatewaysApart();
        try {
            Path heard = tmp.resolve("heard");
            Path pids = tmp.resolve("pids");
            Path hook = Files.writeString(tmp.resolve("hook.sh"), "#!/bin/sh\necho \"$MLB_EVENT $MLB_LINK\" >> " + heard
                    + "\n[ \"$MLB_EVENT $MLB_LINK\" = \"up isp1\" ] && { echo $$ >> " + pids + "; exec /bin/sleep 120; }\nexit 0\n");
            Files.setPosixFilePermissions(hook, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Path spec = Files.writeString(tmp.resolve("home.toml"), spec("wan2")
                    + "\n[[hook]]\nargv = [\"" + hook + "\"]\ntimeout = \"100s\"\n");
            Monitor m = start("monitor", tmp.resolve("state"), spec);
            await(m, l -> l.contains(" balancing over isp1, isp2: "), "the first apply");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(pids) && Files.readString(pids).endsWith("\n")) && System.nanoTime() < until) sleep(50);
            long hung = Long.parseLong(Files.readString(pids).strip());
            assertEquals(0, Netns.run("ip", "-n", peer, "addr", "del", "198.18.2.1/24", "dev", "wan2p").code());
            await(m, l -> l.contains(" balancing over isp1: "), "isp2 out");
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(heard).contains("down isp2") && System.nanoTime() < until) sleep(50);
            assertTrue(Files.readString(heard).contains("down isp2"), "isp2's down hook ran while isp1's up hook hung: "
                    + Files.readString(heard));
            assertTrue(ProcessHandle.of(hung).map(ProcessHandle::isAlive).orElse(false), "isp1's hook still hangs");
            long stopAt = System.nanoTime();
            stop(m);
            long ms = (System.nanoTime() - stopAt) / 1_000_000;
            System.out.println("monitor stopped in " + ms + " ms with a hook hanging");
            assertTrue(m.log().contains("hook " + hook + " (up isp1) was killed after ") && m.log().contains(", the monitor stopped"),
                    m.log());
            assertFalse(ProcessHandle.of(hung).map(ProcessHandle::isAlive).orElse(false), "the hook did not outlive the monitor");
        } finally {
            Netns.run("ip", "netns", "del", peer);
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
