package mlb.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The man pages and the bash completion of every command, made by picocli's own generators from the model a run
 * parses with: ManPageGenerator (picocli-codegen) writes one AsciiDoc page per command (mlb.adoc, mlb-plan.adoc,
 * mlb-lab-up.adoc, ...), AutoComplete the bash script. scripts/build-deb runs main and turns the pages into roff
 * with asciidoctor; ManualPagesTest runs it too and holds its output to the model. It lives with the tests
 * because picocli-codegen is a test dependency: the jar does not carry a generator it never runs.
 */
public final class ManualPages {
    private ManualPages() {
    }

    /** Every command, as `mlb help` knows them. */
    static CommandLine model() {
        return Commands.all(new Main(System.out, System.err, Env.system()));
    }

    /** Writes DIR/*.adoc and DIR/mlb.bash. */
    static void write(Path dir) throws IOException {
        CommandLine model = model();
        Files.createDirectories(dir);
        int rc = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true, model.getCommandSpec());
        if (rc != 0) throw new IOException("picocli's ManPageGenerator failed (exit " + rc + ") writing " + dir);
        Files.writeString(dir.resolve("mlb.bash"), AutoComplete.bash("mlb", model));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ManualPages DIR");
            System.exit(64);
        }
        write(Path.of(args[0]));
    }
}
