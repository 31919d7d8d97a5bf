package mlb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import mlb.cli.CliRunner.Run;
import mlb.kernel.FakeKernel;
import mlb.kernel.Kernel;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.StateJson;
import mlb.engine.Workspace;
import mlb.kernel.ip.IpDevices;
import mlb.kernel.ip.IpDriver;
import mlb.kernel.sysctl.SysctlDriver;
import mlb.view.Exit;
import mlb.proc.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI contract (exit codes, stdout/stderr split) over the fake kernel, so it runs anywhere. */
class CliTest {
    @TempDir
    Path tmp;
    FakeKernel kernel = FakeKernel.standard();
    final List<Target> targets = new ArrayList<>();

    private final Env env = new Env() {
        @Override
        public Workspace workspace(Path stateDir) {
            return Workspace.system(stateDir).withKernels(target -> {
                targets.add(target);
                return kernel.kernel();
            });
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public Path defaultStateDir() {
            return tmp.resolve("default-state");
        }
    };

    private final CliRunner mlb = new CliRunner(env);

    private Path spec(String dev2, int weight1) throws IOException {
        Path f = tmp.resolve("mlb-" + dev2 + "-" + weight1 + ".toml");
        Files.writeString(f, """
                [[link]]
                name = "isp1"
                dev = "wan1"
                gateway = "198.18.1.1"
                weight = %d
                [[link]]
                name = "isp2"
                dev = "%s"
                gateway = "198.18.2.1"
                weight = 1
                """.formatted(weight1, dev2));
        return f;
    }

    @Test
    void aMissingIpCommandExits69NamingThePackage() throws IOException {
        String spec = spec("wan2", 5).toString();
        mlb.proc.Runner noSuchProgram = (argv, stdin) -> new mlb.proc.SystemRunner().run(
                java.util.stream.Stream.concat(java.util.stream.Stream.of("/nonexistent/" + argv.get(0)),
                        argv.stream().skip(1)).toList(), stdin);
        Env without = new Env() {
            public Workspace workspace(Path stateDir) {
                return Workspace.system(stateDir).withKernels(t -> new Kernel(io.vavr.collection.List.of(new SysctlDriver(noSuchProgram, t),
                        new IpDriver(noSuchProgram, t)), new IpDevices(noSuchProgram, t)));
            }

            public boolean interactive() {
                return false;
            }

            public Path defaultStateDir() {
                return tmp.resolve("state");
            }
        };
        Run r = new CliRunner(without).run("plan", "-f", spec, "--netns", "lab");
        assertEquals(69, r.code(), r::toString);
        assertEquals("mlb: error: the ip command is missing: install iproute2\n", r.err());
    }

    @Test
    void planExitsTwoOnlyWhenAskedAndChangesArePending() throws IOException {
        String spec = spec("wan2", 5).toString();
        Run plain = mlb.run("plan", "-f", spec, "--netns", "lab");
        assertEquals(0, plain.code(), plain::toString);
        assertTrue(plain.out().contains("Plan: 12 to add, 1 to change, 0 to destroy."), plain::toString);
        assertEquals("", plain.err());
        assertEquals(2, mlb.run("plan", "-f", spec, "--netns", "lab", "--detailed-exitcode").code());
        assertEquals(List.of(Target.netns("lab"), Target.netns("lab")), targets);
        assertTrue(kernel.executed().isEmpty(), "plan changes nothing");
    }

    @Test
    void applyThenNothingToDo() throws IOException {
        String spec = spec("wan2", 5).toString();
        Run applied = mlb.run("apply", "-f", spec, "--netns", "lab", "--yes");
        assertEquals(0, applied.code(), applied::toString);
        assertTrue(applied.out().contains("Apply complete: 12 to add, 1 to change, 0 to destroy."), applied::toString);
        assertTrue(kernel.invalidIntermediateStates().isEmpty(), () -> kernel.invalidIntermediateStates().mkString("\n"));
        Run again = mlb.run("plan", "-f", spec, "--netns", "lab", "--detailed-exitcode");
        assertEquals(0, again.code(), again::toString);
        Run reapply = mlb.run("apply", "-f", spec, "--netns", "lab", "--yes");
        assertEquals(0, reapply.code());
        assertTrue(reapply.out().contains("No changes."));
        assertEquals(13, kernel.executed().size(), "the second apply sent nothing");
    }

    @Test
    void planJsonKeepsStdoutParseable() throws IOException {
        Run r = mlb.run("plan", "-f", spec("wan2", 5).toString(), "--netns", "lab", "--json");
        assertEquals(0, r.code());
        JsonNode n = StateJson.MAPPER.readTree(r.out());
        assertEquals(12, n.at("/summary/add").asInt());
        assertEquals(13, n.get("commands").size(), "a sysctl write, 2 nexthops, a group, 3 routes, 6 rules");
    }

    @Test
    void aFailedApplyIsRevertedAndSaysSo() throws IOException {
        kernel.failWhen(c -> c.startsWith("ip route add default table 202"));
        Run r = mlb.run("apply", "-f", spec("wan2", 5).toString(), "--netns", "lab", "--yes", "-v");
        assertEquals(Exit.FAILED, r.code(), r::toString);
        assertTrue(r.err().startsWith("mlb: error: apply failed and was reverted: ip route add default table 202"), r::toString);
        assertTrue(r.err().contains("the state read before apply is restored"), r::toString);
        assertTrue(kernel.state().ofProtocol(250).isEmpty(), "nothing of mlb's is left");
        assertEquals("0", kernel.state().sysctls().get("net.ipv4.fib_multipath_hash_policy").get(), "the sysctl is set back too");
    }

    @Test
    void aRevertThatFailsTooSaysTheStateDiffers() throws IOException {
        kernel.failWhen(c -> c.startsWith("ip route add default table 202") || c.startsWith("ip nexthop del id 201"));
        Run r = mlb.run("apply", "-f", spec("wan2", 5).toString(), "--netns", "lab", "--yes");
        assertEquals(Exit.FAILED, r.code(), r::toString);
        assertTrue(r.err().startsWith("mlb: error: apply failed and the revert failed too: "), r::toString);
        String rev = mlb.run("history", "--netns", "lab").out().substring(0, 7);
        assertTrue(r.err().endsWith("  the owned state now differs from before: `mlb diff " + rev + "` shows how\n"), r::toString);
    }

    @Test
    void aSpecThatDoesNotFitTheHostIs65() throws IOException {
        Run r = mlb.run("plan", "-f", spec("wan9", 5).toString(), "--netns", "lab");
        assertEquals(Exit.INVALID_SPEC, r.code(), r::toString);
        assertTrue(r.err().contains("link isp2: device wan9 does not exist"), r::toString);
        Run noAddress = mlb.run("plan", "-f", spec("wan4", 5).toString(), "--netns", "lab");
        assertEquals(Exit.INVALID_SPEC, noAddress.code(), noAddress::toString);
        assertTrue(noAddress.err().contains("device wan4 has no IPv4 address (set source"), noAddress::toString);
    }

    @Test
    void anInvalidSpecExits65ListingEveryProblemAndChangesNothing() throws IOException {
        Path bad = tmp.resolve("bad.toml");
        Files.writeString(bad, "[[link]]\nname = \"isp1\"\ndev = \"wan1\"\ngatway = \"198.18.1.1\"\nweight = 0\n");
        Run r = mlb.run("apply", "-f", bad.toString(), "--netns", "lab", "--yes");
        assertEquals(Exit.INVALID_SPEC, r.code(), r::toString);
        assertEquals("", r.out(), "stdout stays clean");
        assertTrue(r.err().startsWith("mlb: error: " + bad + " is invalid (3 problems)"), r::toString);
        assertTrue(r.err().contains(bad + ":4:1: link[0].gatway: unknown key (did you mean \"gateway\"?)"), r::toString);
        assertTrue(r.err().contains(bad + ":5:10: link[0].weight: must be 1..256, found 0"), r::toString);
        assertTrue(kernel.executed().isEmpty(), "nothing applied");
        assertTrue(targets.isEmpty(), "the kernel was not even read");
    }

    @Test
    void usageErrorsAre64() throws IOException {
        String spec = spec("wan2", 5).toString();
        assertEquals(Exit.USAGE, mlb.run("plan", "--no-such-option").code());
        assertEquals(Exit.USAGE, mlb.run("plan", "-f", spec, "--netns", "../etc").code());
        assertEquals(Exit.USAGE, mlb.run("apply", "-f", spec, spec, "--yes").code());
        Run notSaved = mlb.run("apply", spec, "--netns", "lab", "--yes");
        assertEquals(Exit.USAGE, notSaved.code(), notSaved::toString);
        assertTrue(notSaved.err().contains("is not a saved plan (to apply a spec, use -f"), notSaved::toString);
    }

    @Test
    void aSavedPlanAppliesOnlyToItsTargetAndOnlyWhileFresh() throws IOException {
        String spec = spec("wan2", 5).toString();
        Path saved = tmp.resolve("plan.json");
        assertEquals(0, mlb.run("plan", "-f", spec, "--netns", "lab", "-o", saved.toString()).code());
        Run elsewhere = mlb.run("apply", saved.toString(), "--netns", "other", "--yes");
        assertEquals(Exit.USAGE, elsewhere.code(), elsewhere::toString);
        assertTrue(elsewhere.err().contains("was made for netns-lab, not netns-other"), elsewhere::toString);

        assertEquals(0, mlb.run("apply", "-f", spec("wan2", 3).toString(), "--netns", "lab", "--yes").code());
        Run stale = mlb.run("apply", saved.toString(), "--netns", "lab", "--yes");
        assertEquals(Exit.INVALID_SPEC, stale.code(), stale::toString);
        assertTrue(stale.err().contains(" is stale: the kernel changed since it was made"), stale::toString);

        assertEquals(0, mlb.run("plan", "-f", spec, "--netns", "lab", "-o", saved.toString()).code());
        Run fresh = mlb.run("apply", saved.toString(), "--netns", "lab", "--yes");
        assertEquals(0, fresh.code(), fresh::toString);
        assertTrue(kernel.state().nexthops().get(200).get().toString().contains("Member[id=201, weight=5]"));
    }

    @Test
    void takingOverAForeignRouteIsRefused() throws IOException {
        kernel = FakeKernel.standard().with(new Route(201, "default", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 4));
        Run r = mlb.run("apply", "-f", spec("wan2", 5).toString(), "--netns", "lab", "--yes");
        assertEquals(Exit.FAILED, r.code(), r::toString);
        assertTrue(r.err().startsWith("mlb: error: mlb would take over objects that are not its own on netns lab"), r::toString);
        assertTrue(r.err().contains("route default table 201 via 198.18.1.1 dev wan1 already exists and is not mlb's"), r::toString);
        assertTrue(kernel.executed().isEmpty());
    }

    @Test
    void theStateDirectoryHoldsTheLockPerTarget() throws IOException {
        assertEquals(0, mlb.run("apply", "-f", spec("wan2", 5).toString(), "--netns", "lab", "--yes").code());
        assertTrue(Files.exists(tmp.resolve("default-state").resolve("netns-lab").resolve("apply.lock")));
        Path state = tmp.resolve("elsewhere");
        assertEquals(0, mlb.run("--state", state.toString(), "destroy", "--netns", "lab", "--yes").code());
        assertTrue(Files.exists(state.resolve("netns-lab").resolve("apply.lock")));
        assertTrue(kernel.state().ofProtocol(250).isEmpty());
    }
}
