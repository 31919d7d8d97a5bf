package mlb.view;

import mlb.engine.ApplyResult;
import mlb.engine.Refusal;

/** Exit codes (docs/commands.md lists them), and the code each outcome ends a command with. */
public final class Exit {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int CHANGES_PENDING = 2;
    public static final int USAGE = 64;
    public static final int INVALID_SPEC = 65;
    public static final int NO_INPUT = 66;
    public static final int MISSING = 69;
    public static final int CANT_CREATE = 73;
    /** EX_TEMPFAIL: another mlb holds the target's lock, or another process the port to serve on; try again later. */
    public static final int LOCKED = 75;
    public static final int NOT_PERMITTED = 77;
    public static final int INTERRUPTED = 130;

    private Exit() {
    }

    public static int of(Refusal r) {
        return switch (r.reason()) {
            case USAGE -> USAGE;
            case INVALID_SPEC -> INVALID_SPEC;
            case NO_INPUT -> NO_INPUT;
            case FAILED -> FAILED;
            case MISSING_TOOL -> MISSING;
            case LOCKED, BUSY -> LOCKED;
            case NOT_PERMITTED -> NOT_PERMITTED;
            case INTERRUPTED -> INTERRUPTED;
            case CANT_CREATE -> CANT_CREATE;
        };
    }

    public static int of(ApplyResult r) {
        return switch (r.outcome()) {
            case UNCHANGED, APPLIED, HELD -> OK;
            case DECLINED, REVERTED, FAILED -> FAILED;
            case INTERRUPTED -> INTERRUPTED;
        };
    }
}
