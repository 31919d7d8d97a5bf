package mlb.cli;

import io.vavr.control.Validation;
import mlb.spec.Diagnostic;
import mlb.spec.Spec;
import mlb.spec.SpecParser;

import java.nio.file.Path;

/** Loads a spec or fails with exit 65 and every diagnostic. */
final class Specs {
    static final String DEFAULT = "mlb.toml";

    private Specs() {
    }

    static Spec load(Path file) {
        Validation<io.vavr.collection.List<Diagnostic>, Spec> v = SpecParser.parse(file);
        if (v.isInvalid()) {
            int n = v.getError().size();
            throw new CliError(Exit.INVALID_SPEC, file + " is invalid (" + n + (n == 1 ? " problem" : " problems") + ")",
                    Main.lines(v.getError()));
        }
        return v.get();
    }
}
