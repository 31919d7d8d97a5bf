package mlb.cli;

import mlb.cli.CliRunner.Run;
import mlb.engine.Lock;
import mlb.kernel.Kernel;
import mlb.kernel.ip.IpDevices;
import mlb.kernel.ip.IpDriver;
import mlb.kernel.sysctl.SysctlDriver;
import mlb.proc.Runner;
import mlb.view.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every row of the exit code table (docs/commands.md), each from the situation it stands for. 130 needs a real
 * process and a real signal: mlb.it.InterruptIT sends SIGINT and SIGTERM to mlb during a read and during a
 * write and expects 130 each time.
 */
class ExitCodesTest {
    @TempDir
    Path tmp;
    FakeCli cli;
    final TreeSet<Integer> seen = new TreeSet<>();

    private Run exit(int code, String... args) {
        Run r = cli.expect(code, args);
        seen.add(code);
        return r;
    }

    private static Kernel through(Runner runner, mlb.proc.Target t) {
        return new Kernel(io.vavr.collection.List.of(new SysctlDriver(runner, t), new IpDriver(runner, t)), new IpDevices(runner, t));
    }

    @Test
    void everyRowOfTheTable() throws Exception {
        cli = new FakeCli(tmp);
        String spec = cli.spec(5, 1);

        exit(Exit.OK, "plan", "-f", spec, "--netns", "lab");
        exit(Exit.CHANGES_PENDING, "plan", "-f", spec, "--netns", "lab", "--detailed-exitcode");

        Run usage = exit(Exit.USAGE, "plan", "-f", spec, "--no-such-option");
        assertTrue(usage.err().startsWith("mlb: error: Unknown option: '--no-such-option'"), usage::toString);
        Run gone = exit(Exit.USAGE, "plan", "-f", spec, "--netns", "gone");
        assertEquals("mlb: error: network namespace gone does not exist (see `ip netns list`)\n", gone.err());

        exit(Exit.INVALID_SPEC, "plan", "-f", cli.spec(0, 1), "--netns", "lab");
        Run missing = exit(Exit.NO_INPUT, "plan", "-f", tmp.resolve("nope.toml").toString(), "--netns", "lab");
        assertTrue(missing.err().startsWith("mlb: error: cannot read the spec: " + tmp.resolve("nope.toml")
                + ": No such file or directory\n  name the spec with -f SPEC"), missing::toString);

        cli.kernels = t -> through((argv, stdin) -> new Runner.Result(2, "", "RTNETLINK answers: Operation not permitted\n"), t);
        Run denied = exit(Exit.NOT_PERMITTED, "plan", "-f", spec, "--netns", "lab");
        assertTrue(denied.err().contains("Operation not permitted (run as root)"), denied::toString);
        cli.kernels = t -> through((argv, stdin) -> new mlb.proc.SystemRunner().run(
                java.util.stream.Stream.concat(java.util.stream.Stream.of("/nonexistent/" + argv.get(0)), argv.stream().skip(1)).toList(),
                stdin), t);
        exit(Exit.MISSING, "plan", "-f", spec, "--netns", "lab");
        cli.kernels = t -> cli.kernel.kernel();

        try (Lock held = Lock.tryAcquire(cli.state.resolve(".locks"), mlb.proc.Target.netns("lab"), cli.state.resolve("elsewhere")).get()) {
            Run locked = exit(Exit.LOCKED, "apply", "-f", spec, "--netns", "lab", "--yes");
            assertTrue(locked.err().startsWith("mlb: error: another mlb (pid " + ProcessHandle.current().pid() + ", state "), locked::toString);
        }

        cli.kernel.failWhen(c -> c.startsWith("ip route add default table 202"));
        exit(Exit.FAILED, "apply", "-f", spec, "--netns", "lab", "--yes");
        cli.kernel.failWhen(c -> false);

        assertEquals(new TreeSet<>(java.util.List.of(0, 1, 2, 64, 65, 66, 69, 75, 77)), seen,
                "every row but 130 (mlb.it.InterruptIT)");
    }

    @Test
    void answeringAnythingButYesIsOneAndChangesNothing() {
        cli = new FakeCli(tmp);
        cli.interactive = true;
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("y\n".getBytes(StandardCharsets.UTF_8)));
            Run r = cli.expect(Exit.FAILED, "apply", "-f", cli.spec(5, 1), "--netns", "lab");
            assertTrue(r.out().contains("Apply these changes to netns lab? Only 'yes' will be accepted: "), r::toString);
            assertEquals("mlb: apply cancelled; nothing was changed\n", r.err());
            assertTrue(cli.kernel.executed().isEmpty());
        } finally {
            System.setIn(stdin);
        }
    }

    /** `echo | mlb destroy` on a router reached over one of its links is how a script cuts its own access. */
    @Test
    void withoutATerminalAChangeWithoutYesIs64AndChangesNothing() {
        cli = new FakeCli(tmp);
        String spec = cli.spec(5, 1);
        cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes");
        cli.expect(0, "apply", "-f", cli.spec(3, 1), "--netns", "lab", "--yes");
        int written = cli.kernel.executed().size();
        for (String command : new String[]{"apply", "destroy", "rollback"}) {
            String[] args = command.equals("apply") ? new String[]{command, "-f", spec, "--netns", "lab"}
                    : new String[]{command, "--netns", "lab"};
            Run r = cli.expect(Exit.USAGE, args);
            assertEquals("mlb: error: " + command + " asks before changing netns lab, and there is no terminal to ask on\n"
                    + "  nothing was changed\n"
                    + "  add --yes to " + command + " without asking (scripts and pipes must)\n", r.err(), command);
            assertEquals("", r.out(), command);
        }
        assertEquals(written, cli.kernel.executed().size(), "nothing was written");
        assertEquals(2, cli.expect(0, "history", "--netns", "lab").out().lines().count(), "nothing was recorded");
        cli.expect(0, "rollback", "--netns", "lab", "--yes");
        cli.expect(0, "destroy", "--netns", "lab", "--yes");
    }

    @Test
    void aStaleSavedPlanIs65AndSaysHowToMakeItAgain() {
        cli = new FakeCli(tmp);
        String spec = cli.spec(5, 1);
        String saved = tmp.resolve("plan.json").toString();
        cli.expect(0, "plan", "-f", spec, "--netns", "lab", "-o", saved);
        cli.expect(0, "apply", "-f", cli.spec(3, 1), "--netns", "lab", "--yes");
        Run stale = cli.expect(Exit.INVALID_SPEC, "apply", saved, "--netns", "lab", "--yes");
        assertEquals("mlb: error: the saved plan " + saved + " is stale: the kernel changed since it was made\n"
                + "  nothing was changed\n"
                + "  run `mlb plan -f " + spec + " --netns lab -o " + saved + "` again\n", stale.err());
        Run elsewhere = cli.expect(Exit.USAGE, "apply", saved, "--netns", "other", "--yes");
        assertTrue(elsewhere.err().contains("apply it there: `mlb apply " + saved + " --netns lab`"), elsewhere::toString);
    }

    @Test
    void aMissingSpecOrPlanFileIs66() {
        cli = new FakeCli(tmp);
        Run noDefault = cli.expect(Exit.NO_INPUT, "plan", "--netns", "lab");
        assertEquals("mlb: error: cannot read the spec: mlb.toml: No such file or directory\n"
                + "  name the spec with -f SPEC (without -f, mlb reads mlb.toml in the current directory)\n", noDefault.err());
        cli.expect(Exit.NO_INPUT, "validate", "-f", tmp.resolve("nope.toml").toString());
        cli.expect(Exit.NO_INPUT, "apply", "--netns", "lab", "--yes");
        Run plan = cli.expect(Exit.NO_INPUT, "apply", tmp.resolve("plan.json").toString(), "--netns", "lab", "--yes");
        assertTrue(plan.err().startsWith("mlb: error: cannot read the saved plan: " + tmp.resolve("plan.json")
                + ": No such file or directory"), plan::toString);
        assertTrue(cli.kernel.executed().isEmpty());
    }

    @Test
    void aNamespaceThatDoesNotExistIs64ForEveryCommandOnIt() {
        cli = new FakeCli(tmp);
        String spec = cli.spec(5, 1);
        cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes");
        String rev = cli.expect(0, "history", "--netns", "lab").out().substring(0, 7);
        cli.present = t -> t.netns().isEmpty();
        for (String[] args : new String[][]{
                {"plan", "-f", spec, "--netns", "lab"},
                {"apply", "-f", spec, "--netns", "lab", "--yes"},
                {"destroy", "--netns", "lab", "--yes"},
                {"rollback", "--netns", "lab", "--yes"},
                {"confirm", "--netns", "lab"},
                {"status", "--netns", "lab"},
                {"status", "--netns", "never-made"},
                {"diff", rev, "live", "--netns", "lab"},
                {"diff", rev, "live"}}) {
            Run r = cli.expect(Exit.USAGE, args);
            String ns = args[args.length - 2].equals("--netns") ? args[args.length - 1] : "lab";
            assertEquals("mlb: error: network namespace " + ns + " does not exist (see `ip netns list`)\n", r.err(),
                    String.join(" ", args));
        }
        assertTrue(cli.kernel.executed().size() == 13, "only the first apply wrote");
        cli.expect(0, "history", "--netns", "lab");
        cli.expect(0, "show", rev);
        cli.expect(0, "diff", rev);
    }
}
