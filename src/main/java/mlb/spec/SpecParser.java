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

    public static Validation<List<Diagnostic>, Spec> parse(String text, String fileName) {
        return TomlTree.parse(text)
                .fold(syntax -> Validation.<List<Diagnostic>, Spec>invalid(List.of(syntax)),
                        root -> SpecRules.check(root, text))
                .mapError(problems -> problems.map(d -> inFile(d, fileName))
                        .sortBy(d -> d.line() > 0 ? (long) d.line() << 32 | d.column() : Long.MAX_VALUE));
    }

    /** The file through SpecFile.read; a file that cannot be read is one diagnostic without a position. */
    public static Validation<List<Diagnostic>, Spec> parse(Path file) {
        return SpecFile.read(file).fold(problem -> Validation.invalid(List.of(problem.diagnostic(file))),
                text -> parse(text, file.toString()));
    }

    /** Rules build diagnostics without a file name; only this edge knows it. */
    private static Diagnostic inFile(Diagnostic d, String fileName) {
        return new Diagnostic(fileName, d.line(), d.column(), d.keyPath(), d.message(), d.hint());
    }
}
