package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Validation;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

    public static Validation<List<Diagnostic>, Spec> parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return Validation.invalid(List.of(new Diagnostic(file.toString(), 0, 0, "",
                    "cannot read the spec: " + reason(e), "check the path given with -f and its permissions")));
        }
        return parse(text, file.toString());
    }

    /** The OS's words where Java hides them: NoSuchFileException's message is only the path. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof AccessDeniedException) return "Permission denied";
        if (e instanceof CharacterCodingException) return "not UTF-8 text";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Rules build diagnostics without a file name; only this edge knows it. */
    private static Diagnostic inFile(Diagnostic d, String fileName) {
        return new Diagnostic(fileName, d.line(), d.column(), d.keyPath(), d.message(), d.hint());
    }
}
