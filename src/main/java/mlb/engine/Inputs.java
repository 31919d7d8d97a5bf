package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import mlb.plan.SavedPlan;
import mlb.spec.Diagnostic;
import mlb.spec.InputProblem;
import mlb.spec.Spec;
import mlb.spec.SpecFile;
import mlb.spec.SpecParser;

import java.nio.file.Path;

/** The files a person hands to mlb: a spec, or a plan saved by `mlb plan -o`. */
public final class Inputs {
    /** Said whether or not -f was given: without it, the file that was missing is the default one. */
    static final String NAME_THE_SPEC = "name the spec with -f SPEC (without -f, mlb reads mlb.toml in the current directory)";

    private Inputs() {
    }

    /**
     * A valid spec, or why not: a file that is not there (exit 66 at the CLI), one this user may not read (77),
     * or every problem in it (65).
     */
    public static Either<Refusal, Spec> spec(Path file) {
        return SpecFile.read(file).mapLeft(p -> unread(file, p)).flatMap(text -> parsed(file, SpecParser.parse(text, file.toString())));
    }

    private static Refusal unread(Path file, InputProblem p) {
        String message = "cannot read the spec: " + file + ": " + p.message();
        return switch (p.kind()) {
            case MISSING -> Refusal.of(Refusal.Reason.NO_INPUT, message, List.of(NAME_THE_SPEC));
            case NOT_PERMITTED -> Refusal.of(Refusal.Reason.NOT_PERMITTED, message, List.of(p.hint()));
            case NOT_REGULAR, TOO_LARGE, UNREADABLE -> Refusal.of(Refusal.Reason.INVALID_SPEC, message, List.of(p.hint()));
        };
    }

    private static Either<Refusal, Spec> parsed(Path file, Validation<List<Diagnostic>, Spec> v) {
        if (v.isValid()) return Either.right(v.get());
        int n = v.getError().size();
        return Either.left(Refusal.problems(Refusal.Reason.INVALID_SPEC, file + " is invalid (" + n + (n == 1 ? " problem" : " problems") + ")",
                v.getError()));
    }

    /** A saved plan as `mlb plan -o` wrote it; what it says is checked again when it is applied. */
    public static Either<Refusal, SavedPlan> savedPlan(Path file) {
        return SpecFile.read(file).mapLeft(p -> unreadPlan(file, p)).flatMap(text -> {
            if (!SavedPlan.looksSaved(text)) {
                return Either.left(Refusal.of(Refusal.Reason.USAGE, file + " is not a saved plan (to apply a spec, use -f " + file + ")"));
            }
            try {
                return Either.right(SavedPlan.parse(text));
            } catch (IllegalArgumentException e) {
                return Either.left(Refusal.of(Refusal.Reason.USAGE, file + ": " + e.getMessage()));
            }
        });
    }

    private static Refusal unreadPlan(Path file, InputProblem p) {
        String message = "cannot read the saved plan: " + file + ": " + p.message();
        return switch (p.kind()) {
            case MISSING -> Refusal.of(Refusal.Reason.NO_INPUT, message,
                    List.of("give the PLANFILE `mlb plan -o PLANFILE` wrote, or a spec with -f SPEC"));
            case NOT_PERMITTED -> Refusal.of(Refusal.Reason.NOT_PERMITTED, message);
            case NOT_REGULAR, TOO_LARGE, UNREADABLE -> Refusal.of(Refusal.Reason.INVALID_SPEC, message,
                    List.of("give the PLANFILE `mlb plan -o PLANFILE` wrote: a regular file of UTF-8 text"));
        };
    }
}
