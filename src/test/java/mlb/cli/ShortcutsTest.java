package mlb.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The answers given without picocli are exactly picocli's: each is compared with a run through picocli with
 * every command. With -Dgolden.update=true, RootUsage.java is rewritten with picocli's help text instead.
 */
class ShortcutsTest {
    private static final Path SOURCE = Path.of("src/main/java/mlb/cli/RootUsage.java");
    private static final Pattern GOLDEN = Pattern.compile("(?s)(// golden: begin\n).*?(\n *// golden: end)");

    /** One run: exit code, stdout, stderr. */
    private record Said(int code, String out, String err) {
    }

    private interface Cli {
        int run(PrintStream out, PrintStream err, String... args);
    }

    private static Said said(Cli cli, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Said(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Said picocli(String... args) {
        return said((out, err, a) -> Main.parse(out, err, Env.system(), a), args);
    }

    private static Said shortcut(String... args) {
        Said s = said((out, err, a) -> Shortcuts.answer(out, err, a).orElseThrow(() -> new AssertionError("no shortcut")), args);
        assertEquals(s, said((out, err, a) -> Main.run(out, err, Env.system(), a), args), "Main.run takes the shortcut");
        return s;
    }

    @Test
    void helpIsPicocliHelp() throws IOException {
        Said help = picocli("--help");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(SOURCE, withText(Files.readString(SOURCE), help.out()));
            return;
        }
        assertEquals(new Said(0, RootUsage.TEXT, ""), help, "RootUsage.TEXT is out of date: run this test with -Dgolden.update=true");
        for (String word : List.of("--help", "-h", "help")) {
            assertEquals(picocli(word), shortcut(word), word);
        }
        assertTrue(RootUsage.TEXT.contains("\n  plan      Show the changes"), RootUsage.TEXT);
    }

    @Test
    void versionAndBareMlbArePicocliOutput() {
        for (String word : List.of("--version", "-V")) {
            Said v = shortcut(word);
            assertEquals(picocli(word), v, word);
            assertTrue(v.out().matches("mlb \\S+\n"), v::toString);
        }
        Said bare = shortcut();
        assertEquals(picocli(), bare);
        assertEquals(new Said(64, "", "mlb: error: Missing required subcommand\n  see: mlb --help\n"), bare);
    }

    @Test
    void anythingMoreGoesToPicocli() {
        for (List<String> words : List.of(List.of("--version", "plan"), List.of("plan", "--help"), List.of("-hV"),
                List.of("--state", "x", "--help"), List.of("plan"))) {
            assertTrue(Shortcuts.answer(System.out, System.err, words.toArray(String[]::new)).isEmpty(), words::toString);
        }
    }

    /** The source with its golden text block replaced: escapes, and spaces at line ends kept as \040. */
    static String withText(String source, String text) {
        StringBuilder block = new StringBuilder("    static final String TEXT = \"\"\"\n");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].replace("\\", "\\\\").replace("\"\"\"", "\\\"\"\"");
            int end = l.length();
            while (end > 0 && l.charAt(end - 1) == ' ') end--;
            l = l.substring(0, end) + "\\040".repeat(l.length() - end);
            boolean last = i == lines.length - 1;
            if (last && l.isEmpty()) break;
            block.append("            ").append(l).append(last ? "\\\n" : "\n");
        }
        block.append("            \"\"\";");
        Matcher m = GOLDEN.matcher(source);
        assertTrue(m.find(), "no golden markers in " + SOURCE);
        return m.replaceFirst(Matcher.quoteReplacement(m.group(1) + block + m.group(2)));
    }
}
