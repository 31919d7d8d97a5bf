package mlb.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The man pages and the completion the package ships, made here by the generator scripts/build-deb runs: every
 * command the picocli model has (hidden ones aside) gets its page, every option and argument appears in it, and
 * the completion knows every command and option.
 */
class ManualPagesTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws IOException {
        ManualPages.write(dir);
    }

    /** Every visible command of the model, mlb itself first. */
    private static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(ManualPages.model().getCommandSpec(), all);
        return all;
    }

    private static void collect(CommandSpec c, List<CommandSpec> all) {
        all.add(c);
        for (CommandLine sub : c.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (!s.usageMessage().hidden() && !all.contains(s)) collect(s, all);
        }
    }

    private static String page(CommandSpec c) throws IOException {
        Path p = dir.resolve(c.qualifiedName("-") + ".adoc");
        assertTrue(Files.exists(p), "no man page for `" + c.qualifiedName() + "`: " + p.getFileName());
        return Files.readString(p);
    }

    @Test
    void everyCommandHasAPageWithItsOptionsAndArguments() throws IOException {
        for (CommandSpec c : commands()) {
            String page = page(c);
            assertTrue(page.contains("= " + c.qualifiedName("-") + "(1)"), c.qualifiedName() + ": title");
            for (CommandLine.Model.OptionSpec o : c.options()) {
                if (o.hidden()) continue;
                for (String name : o.names()) assertTrue(page.contains("*" + name + "*"), c.qualifiedName() + ": " + name);
            }
            for (CommandLine.Model.PositionalParamSpec p : c.positionalParameters()) {
                if (!p.hidden()) assertTrue(page.contains(p.paramLabel()), c.qualifiedName() + ": " + p.paramLabel());
            }
        }
    }

    @Test
    void thereAreNoPagesForCommandsTheModelLacks() throws IOException {
        List<String> expected = commands().stream().map(c -> c.qualifiedName("-") + ".adoc").sorted().toList();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(expected, files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".adoc")).sorted().toList());
        }
    }

    @Test
    void hiddenCommandsStayOutOfThePagesAndTheCompletion() throws IOException {
        assertFalse(Files.exists(dir.resolve("mlb-confirm-watch.adoc")));
        assertFalse(Files.readString(dir.resolve("mlb.bash")).contains("confirm-watch"));
    }

    /** The body of the script's function for a command: _picocli_mlb_lab_up for `mlb lab up`. */
    private static String function(String script, CommandSpec c) {
        String name = "function _picocli_" + c.qualifiedName("_").replace('-', '_') + "() {";
        int at = script.indexOf(name);
        assertTrue(at >= 0, "completion: no function for `" + c.qualifiedName() + "`");
        return script.substring(at, script.indexOf("\n}", at));
    }

    /** The words of `local NAME="..."` in a function. */
    private static Set<String> words(String function, String name) {
        Matcher m = Pattern.compile("local " + name + "=\"([^\"]*)\"").matcher(function);
        assertTrue(m.find(), name + " in " + function.lines().findFirst().orElse(""));
        return Set.of(m.group(1).split(" ")).stream().filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }

    @Test
    void theCompletionOffersEveryCommandAndOptionWhereItBelongs() throws IOException {
        String script = Files.readString(dir.resolve("mlb.bash"));
        for (CommandSpec c : commands()) {
            String f = function(script, c);
            // `mlb help <Tab>` offers the commands it can describe
            CommandSpec described = c.userObject() instanceof CommandLine.HelpCommand ? c.parent() : c;
            Set<String> subcommands = described.subcommands().values().stream().map(CommandLine::getCommandSpec)
                    .filter(s -> !s.usageMessage().hidden() && s != c).map(CommandSpec::name)
                    .collect(Collectors.toSet());
            assertEquals(subcommands, words(f, "commands"), c.qualifiedName() + ": commands");
            Set<String> options = c.options().stream().filter(o -> !o.hidden()).flatMap(o -> Stream.of(o.names()))
                    .collect(Collectors.toSet());
            Set<String> offered = new HashSet<>(words(f, "flag_opts"));
            offered.addAll(words(f, "arg_opts"));
            assertEquals(options, offered, c.qualifiedName() + ": options");
        }
    }

    /** The script as bash runs it: `mlb ap<Tab>` and `mlb apply --con<Tab>`. */
    @Test
    void bashCompletesACommandAndAnOption() throws IOException, InterruptedException {
        assertEquals("apply", complete("mlb", "ap"));
        assertEquals("--confirm", complete("mlb", "apply", "--con"));
    }

    /**
     * zsh completes with the same script through the package's _mlb (bashcompinit), typed into an interactive zsh
     * on a pseudo-terminal (zpty): `mlb ap<Tab>` becomes `mlb apply`, read back from the terminal (keys typed ahead
     * of the completion, as an earlier version did, make zle skip it on a loaded machine).
     */
    @Test
    void zshCompletesThroughTheBashScript() throws IOException, InterruptedException {
        Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v zsh").start().waitFor() == 0,
                "zsh is not installed (apt-get install zsh): the zsh completion was not tried");
        Path functions = Files.createDirectories(dir.resolve("zsh"));
        Files.writeString(functions.resolve("_mlb"), Files.readString(Path.of("packaging/deb/_mlb"))
                .replace("/usr/share/bash-completion/completions/mlb", dir.resolve("mlb.bash").toString()));
        Path driver = Files.writeString(dir.resolve("drive.zsh"), String.join("\n",
                "zmodload zsh/zpty",
                "zpty z 'TERM=dumb zsh -f -i'",
                "zpty -w z 'PS1=\"> \"; fpath=(" + functions + " $fpath); autoload -U compinit; compinit -u -D; mlb() { :; }; print READY'",
                "zpty -r -m z line '*READY*'",
                "zpty -w -n z $'mlb ap\\t'",
                "zpty -r -m z typed '*apply*'",
                "print -r -- \"$typed\"",
                "zpty -d z", ""));
        Process p = new ProcessBuilder("zsh", "-f", driver.toString()).redirectErrorStream(true).start();
        boolean ended = p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        String out = new String(p.getInputStream().readAllBytes()).replaceAll("\\e\\[[0-9;?]*[a-zA-Z]|[\\r\\x08]", "");
        assertTrue(ended, "zsh did not complete within a minute: " + out);
        assertTrue(out.contains("mlb apply"), out);
    }

    private static String complete(String... words) throws IOException, InterruptedException {
        // compopt only tunes how bash shows the words, and works only inside a completion bash itself started
        String line = "source \"$1\"; shift; compopt() { :; }; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; "
                + "COMP_POINT=${#COMP_LINE}; _complete_mlb; echo \"${COMPREPLY[*]}\"";
        List<String> command = new ArrayList<>(List.of("bash", "-c", line, "bash", dir.resolve("mlb.bash").toString()));
        command.addAll(List.of(words));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
