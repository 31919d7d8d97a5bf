package mlb.cli;

import mlb.cli.CliRunner.Run;
import mlb.view.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What `mlb COMMAND --help` says: every option and positional explained, and only options that act. */
class HelpTextTest {
    @TempDir
    Path tmp;

    private static CommandSpec root() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return Commands.all(new Main(nowhere, nowhere, Env.system())).getCommandSpec();
    }

    private static List<CommandSpec> all(CommandSpec c) {
        List<CommandSpec> out = new ArrayList<>(List.of(c));
        c.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct().forEach(s -> out.addAll(all(s)));
        return out;
    }

    @Test
    void everyOptionAndPositionalOfEveryCommandSaysWhatItIs() {
        List<String> silent = new ArrayList<>();
        for (CommandSpec c : all(root())) {
            List<ArgSpec> args = new ArrayList<>(c.options());
            args.addAll(c.positionalParameters());
            for (ArgSpec a : args) {
                if (a.hidden()) continue;
                if (String.join("", a.description()).isBlank()) silent.add(c.qualifiedName() + " " + a.paramLabel()
                        + (a.isOption() ? " (" + ((CommandLine.Model.OptionSpec) a).longestName() + ")" : ""));
            }
            assertTrue(c.usageMessage().description().length > 0 || c.userObject() instanceof CommandLine.HelpCommand,
                    c.qualifiedName() + " has no description");
        }
        assertEquals(List.of(), silent);
    }

    @Test
    void stateAndVerboseAppearOnlyWhereTheyAct() {
        Set<String> withState = new TreeSet<>();
        Set<String> withVerbose = new TreeSet<>();
        for (CommandSpec c : all(root())) {
            if (c.findOption("--state") != null && !c.findOption("--state").hidden()) withState.add(c.name());
            if (c.findOption("-v") != null) withVerbose.add(c.name());
        }
        assertEquals(new TreeSet<>(List.of("apply", "confirm", "confirm-watch", "destroy", "diff", "history", "monitor", "plan",
                "rollback", "show", "status")), withState);
        assertEquals(new TreeSet<>(List.of("apply", "destroy", "rollback")), withVerbose);
    }

    @Test
    void stateBeforeTheCommandStillWorksWhereItActsAndIsRefusedElsewhere() {
        FakeCli cli = new FakeCli(tmp);
        Path elsewhere = tmp.resolve("elsewhere");
        cli.expect(0, "--state", elsewhere.toString(), "apply", "-f", cli.spec(5, 1), "--netns", "lab", "--yes");
        assertEquals(1, cli.expect(0, "history", "--netns", "lab", "--state", elsewhere.toString()).out().lines().count());
        Run r = cli.expect(Exit.USAGE, "--state", elsewhere.toString(), "validate", "-f", cli.spec(5, 1));
        assertEquals("mlb: error: --state does nothing for `mlb validate`: it reads no history\n  see: mlb validate --help\n", r.err());
        cli.expect(Exit.USAGE, "validate", "-f", cli.spec(5, 1), "--state", elsewhere.toString());
        cli.expect(Exit.USAGE, "status", "--netns", "lab", "-v");
    }

    @Test
    void aMistypedCommandOrOptionGetsPicocliSuggestion() {
        FakeCli cli = new FakeCli(tmp);
        Run r = cli.expect(Exit.USAGE, "plna");
        assertEquals("mlb: error: unknown command 'plna' for mlb\n  did you mean: plan or apply?\n  see: mlb --help\n", r.err());
        Run lab = cli.expect(Exit.USAGE, "lab", "cutt");
        assertTrue(lab.err().contains("unknown command 'cutt' for mlb lab\n  did you mean: cut?\n"), lab::toString);
        Run o = cli.expect(Exit.USAGE, "plan", "--jsno");
        assertTrue(o.err().contains("did you mean: --json?"), o::toString);
    }

    /** Picocli's guess misses two letters swapped or one dropped in a short option: the nearest within two edits. */
    @Test
    void aMistypedOptionGetsTheNearestOption() {
        FakeCli cli = new FakeCli(tmp);
        assertEquals("mlb: error: Unknown option: '--yse'\n  did you mean: --yes?\n  see: mlb apply --help\n",
                cli.expect(Exit.USAGE, "apply", "--yse", "--netns", "lab").err());
        assertTrue(cli.expect(Exit.USAGE, "destroy", "--nets", "lab").err().contains("did you mean: --netns?\n"));
        assertTrue(cli.expect(Exit.USAGE, "status", "--jsn").err().contains("did you mean: --json?\n"));
        assertTrue(cli.expect(Exit.USAGE, "plan", "--detailed-exitcod=1").err().contains("did you mean: --detailed-exitcode?\n"));
        assertTrue(cli.kernel.executed().isEmpty());
    }

    @Test
    void helpOfEachCommandRunsAndShowsItsArguments() {
        FakeCli cli = new FakeCli(tmp);
        assertTrue(cli.expect(0, "diff", "--help").out().contains("Another entry to compare REV with, or `live`"),
                () -> cli.run("diff", "--help").out());
        assertTrue(cli.expect(0, "show", "--help").out().contains("--netns=NS"));
        assertTrue(cli.expect(0, "lab", "client", "probe", "--help").out().contains("--interval=INTERVAL"));
        assertTrue(!cli.expect(0, "validate", "--help").out().contains("--state"));
    }
}
