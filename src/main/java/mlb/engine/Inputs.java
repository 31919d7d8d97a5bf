package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import mlb.plan.SavedPlan;
import mlb.spec.Diagnostic;
import mlb.spec.Spec;
import mlb.spec.SpecParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files a person hands to mlb: a spec, or a plan saved by `mlb plan -o`. */
public final class Inputs {
    private Inputs() {
    }

    /** A valid spec, or every problem in it (exit 65 at the CLI). */
    public static Either<Refusal, Spec> spec(Path file) {
        Validation<List<Diagnostic>, Spec> v = SpecParser.parse(file);
        if (v.isValid()) return Either.right(v.get());
        int n = v.getError().size();
        return Either.left(Refusal.of(Refusal.Reason.INVALID_SPEC, file + " is invalid (" + n + (n == 1 ? " problem" : " problems") + ")",
                v.getError().map(Diagnostic::toString)));
    }

    public static Either<Refusal, SavedPlan> savedPlan(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return Either.left(Refusal.of(Refusal.Reason.FAILED, "cannot read " + file + ": " + e.getMessage()));
        }
        if (!SavedPlan.looksSaved(text)) {
            return Either.left(Refusal.of(Refusal.Reason.USAGE, file + " is not a saved plan (to apply a spec, use -f " + file + ")"));
        }
        try {
            return Either.right(SavedPlan.parse(text));
        } catch (IllegalArgumentException e) {
            return Either.left(Refusal.of(Refusal.Reason.USAGE, file + ": " + e.getMessage()));
        }
    }
}
