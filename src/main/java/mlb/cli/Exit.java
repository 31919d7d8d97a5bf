package mlb.cli;

/** Exit codes, as DESIGN.md fixes them. */
public final class Exit {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int CHANGES_PENDING = 2;
    public static final int USAGE = 64;
    public static final int INVALID_SPEC = 65;
    public static final int MISSING = 69;
    public static final int LOCKED = 75;
    public static final int NOT_PERMITTED = 77;

    private Exit() {
    }
}
