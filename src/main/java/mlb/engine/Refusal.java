package mlb.engine;

import io.vavr.collection.List;

/**
 * Why an operation did not run (or stopped before changing anything): one message, context lines, and a reason
 * the CLI maps to its exit code. A refusal is an outcome like any other, not an exception.
 */
public record Refusal(Reason reason, String message, List<String> context) {
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
        return new Refusal(reason, message, List.empty());
    }

    public static Refusal of(Reason reason, String message, List<String> context) {
        return new Refusal(reason, message, context);
    }
}
