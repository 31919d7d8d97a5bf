package mlb.engine;

import io.vavr.collection.List;
import mlb.spec.Diagnostic;

/**
 * Why an operation did not run (or stopped before changing anything): one message, context lines, and a reason
 * the CLI maps to its exit code. A refusal is an outcome like any other, not an exception. When the spec is what
 * is wrong, its problems come as values too (code, place, message, fix), and the context lines are their text.
 */
public record Refusal(Reason reason, String message, List<String> context, List<Diagnostic> problems) {
    public enum Reason {
        /** The command was used wrongly (an unknown revision, nothing to roll back to). */
        USAGE,
        /** The spec is invalid, or does not fit the target (a missing device). */
        INVALID_SPEC,
        /** A named input file does not exist. */
        NO_INPUT,
        /** The plan would take over foreign objects, or the operation failed. */
        FAILED,
        /** A program or kernel feature mlb needs is missing. */
        MISSING_TOOL,
        /** Another mlb holds the target's lock. */
        LOCKED,
        /** Something else holds what the operation needs for now (a port in use): worth trying again later. */
        BUSY,
        /** Not permitted (not root, or no access to the state directory). */
        NOT_PERMITTED,
        /** Stopped by SIGINT or SIGTERM before anything was changed. */
        INTERRUPTED,
        /**
         * The state directory or the lock cannot be written safely: an owner or mode that lets others steer
         * mlb's writes, a symlink, a read-only or full file system. Nothing was changed.
         */
        CANT_CREATE
    }

    public static Refusal of(Reason reason, String message) {
        return of(reason, message, List.empty());
    }

    public static Refusal of(Reason reason, String message, List<String> context) {
        return new Refusal(reason, message, context, List.empty());
    }

    /** The spec's (or the host's) problems, each as a value and, for a person, as a context line. */
    public static Refusal problems(Reason reason, String message, List<Diagnostic> problems) {
        return new Refusal(reason, message, problems.map(Diagnostic::toString), problems);
    }

    /** The same refusal, its text passed through edit (the problems keep their own). */
    public Refusal edited(java.util.function.UnaryOperator<String> edit) {
        return new Refusal(reason, edit.apply(message), context.map(edit), problems);
    }
}
