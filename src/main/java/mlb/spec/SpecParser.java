package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Validation;

import java.nio.file.Path;

/**
 * TOML spec → validated Spec, or every problem found, sorted by position. Never throws for any input:
 * a spec is user data, and a stack trace is not a diagnostic.
 */
public final class SpecParser {
    private SpecParser() {
    }

    /** List files (a pin's dst_file) are read next to fileName. */
    public static Validation<List<Diagnostic>, Spec> parse(String text, String fileName) {
        return parse(text, fileName, ListFiles.besides(Path.of(fileName)));
    }

    public static Validation<List<Diagnostic>, Spec> parse(String text, String fileName, ListFiles files) {
        return TomlTree.parse(text)
                .fold(syntax -> Validation.<List<Diagnostic>, Spec>invalid(List.of(syntax)),
                        root -> SpecRules.check(root, text, files))
                // the spec's own problems by position, then those of list files, each file by line
                .mapError(problems -> problems.sortBy(d -> d.file() + "\0" + String.format("%010d", d.line() > 0
                        ? (long) d.line() << 20 | d.column() : Long.MAX_VALUE >> 24)).map(d -> d.inFile(fileName)));
    }

    /** The file through SpecFile.read; a file that cannot be read is one diagnostic without a position. */
    public static Validation<List<Diagnostic>, Spec> parse(Path file) {
        return SpecFile.read(file).fold(problem -> Validation.invalid(List.of(problem.diagnostic(file))),
                text -> parse(text, file.toString()));
    }

}
