package mlb.it;

import mlb.cli.CliRunner;
import mlb.cli.Env;
import mlb.cli.HoldLock;
import mlb.history.TwoLinks;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One namespace, two state directories (say the checkout's state/ and an installed /var/lib/mlb), separate
 * JVMs: exactly one writes at a time, the other exits 75 naming the holder's pid and state and changes nothing.
 * Real kernel, a fresh namespace per test; root only.
 */
class TwoStatesIT extends NetnsTest {
    private Path spec(String name, int w1, int w2) throws IOException {
        return Files.writeString(tmp.resolve(name + ".toml"), TwoLinks.spec(w1, w2));
    }

    private static ProcessBuilder jvm(String main, String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main));
        argv.addAll(List.of(args));
        return new ProcessBuilder(argv);
    }

    /** `mlb.cli.Main ARGS` in a JVM of its own: exit code and stderr. */
    private record Mlb(Process process, Path err) {
        static Mlb start(Path err, String... args) throws IOException {
            return new Mlb(jvm("mlb.cli.Main", args).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start(), err);
        }

        int exit() throws Exception {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "mlb did not finish");
            return process.exitValue();
        }

        String stderr() throws IOException {
            return Files.readString(err);
        }
    }

    private void expectPlanClean(Path state, Path spec) {
        new CliRunner(Env.system(), state).expect(0, "plan", "-f", spec.toString(), "--netns", ns.name, "--detailed-exitcode");
    }

    @Test
    void whileAnApplyHoldsTheNamespaceAnApplyWithAnotherStateExits75AndChangesNothing() throws Exception {
        Path[] states = {tmp.resolve("checkout-state"), tmp.resolve("var-lib-mlb")};
        for (int round = 0; round < 5; round++) {
            Path holderState = states[round % 2];
            Path otherState = states[(round + 1) % 2];
            Path holderSpec = spec("holder-" + round, 1 + round, 5);
            Path otherSpec = spec("other-" + round, 5, 1 + round);
            Process holder = jvm(PausedApply.class.getName(), holderState.toString(), ns.name, holderSpec.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            try {
                assertEquals("waiting", out.readLine(), "round " + round);
                String before = ns.dump();
                String[][] commands = round == 0
                        ? new String[][]{{"apply", "-f", otherSpec.toString()}, {"destroy"}, {"rollback"}}
                        : new String[][]{{"apply", "-f", otherSpec.toString()}};
                for (String[] command : commands) {
                    List<String> args = new ArrayList<>(List.of("--state", otherState.toString()));
                    args.addAll(List.of(command));
                    args.addAll(List.of("--netns", ns.name, "--yes"));
                    Mlb other = Mlb.start(tmp.resolve("err-" + round + "-" + command[0]), args.toArray(String[]::new));
                    assertEquals(75, other.exit(), "round " + round + " " + command[0] + ": " + other.stderr());
                    assertTrue(other.stderr().startsWith("mlb: error: another mlb (pid " + holder.pid() + ", state " + holderState
                            + ") holds the lock on netns " + ns.name + "\n"), other.stderr());
                }
                assertEquals(before, ns.dump(), "round " + round + ": the refused runs changed nothing");
            } finally {
                holder.getOutputStream().close();
            }
            assertEquals("outcome: APPLIED", out.readLine(), "round " + round);
            assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, holder.exitValue());
            expectPlanClean(holderState, holderSpec);
        }
    }

    @Test
    void twoAppliesStartedTogetherWithTwoStatesNeverBothWriteAndTheKernelMatchesOneOfThem() throws Exception {
        Path a = tmp.resolve("state-a");
        Path b = tmp.resolve("state-b");
        int refused = 0;
        for (int round = 0; round < 5; round++) {
            Path specA = spec("a-" + round, 1 + round, 7);
            Path specB = spec("b-" + round, 7, 1 + round);
            Mlb runA = Mlb.start(tmp.resolve("a-" + round + ".err"), "--state", a.toString(), "apply", "-f", specA.toString(),
                    "--netns", ns.name, "--yes");
            Mlb runB = Mlb.start(tmp.resolve("b-" + round + ".err"), "--state", b.toString(), "apply", "-f", specB.toString(),
                    "--netns", ns.name, "--yes");
            int exitA = runA.exit();
            int exitB = runB.exit();
            String said = "round " + round + ": exits " + exitA + "," + exitB + "\n" + runA.stderr() + runB.stderr();
            assertTrue(List.of(0, 75).contains(exitA) && List.of(0, 75).contains(exitB) && exitA + exitB < 150, said);
            if (exitA == 75) assertTrue(runA.stderr().contains("(pid " + runB.process().pid() + ", state " + b + ")"), said);
            if (exitB == 75) assertTrue(runB.stderr().contains("(pid " + runA.process().pid() + ", state " + a + ")"), said);
            refused += (exitA == 75 ? 1 : 0) + (exitB == 75 ? 1 : 0);
            int planA = new CliRunner(Env.system(), a).run("plan", "-f", specA.toString(), "--netns", ns.name, "--detailed-exitcode").code();
            int planB = new CliRunner(Env.system(), b).run("plan", "-f", specB.toString(), "--netns", ns.name, "--detailed-exitcode").code();
            assertTrue(planA == 0 && exitA == 0 || planB == 0 && exitB == 0, said + "\nthe kernel is what one of them applied: plans "
                    + planA + "," + planB);
        }
        System.out.println("TwoStatesIT: 5 rounds of two applies started together, " + refused + " refused with 75");
    }

    private void awaitInside(long pid) throws Exception {
        String want = "net:[" + Files.getAttribute(Path.of("/run/netns", ns.name), "unix:ino") + "]";
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Path link = Path.of("/proc", String.valueOf(pid), "ns", "net");
        while (!want.equals(readLink(link)) && System.nanoTime() < until) Thread.sleep(10);
        assertEquals(want, readLink(link), "the sleep did not enter " + ns.name);
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void twoNamesOfOneNamespaceShareItsLock() throws Exception {
        Process inside = new ProcessBuilder("ip", "netns", "exec", ns.name, "sleep", "60").start();
        String alias = ns.name + "-alias";
        try {
            // Until `ip netns exec` has entered the namespace, the process is in the host's: an alias made then
            // would name the host's namespace, and the apply below would act on it.
            awaitInside(inside.pid());
            assertEquals(0, Netns.run("ip", "netns", "attach", alias, String.valueOf(inside.pid())).code(), "ip netns attach");
            Process holder = jvm(HoldLock.class.getName(), tmp.resolve("state-a").toString(), ns.name)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                assertEquals("held", new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine());
                CliRunner.Run r = new CliRunner(Env.system(), tmp.resolve("state-b")).run("apply", "-f", spec("b", 1, 1).toString(),
                        "--netns", alias, "--yes");
                assertEquals(75, r.code(), r::toString);
                assertTrue(r.err().startsWith("mlb: error: another mlb (pid " + holder.pid() + ", state " + tmp.resolve("state-a")
                        + ") holds the lock on netns " + alias), r::toString);
            } finally {
                holder.getOutputStream().close();
                holder.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            inside.destroy();
            inside.waitFor(10, TimeUnit.SECONDS);
            Netns.run("ip", "netns", "del", alias);
        }
    }
}
