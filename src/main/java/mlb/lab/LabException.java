package mlb.lab;

/** A lab failure the user can act on, with the exit code it maps to. */
public final class LabException extends RuntimeException {
    public static final int FAILED = 1;
    public static final int USAGE = 64;
    public static final int UNAVAILABLE = 69;
    public static final int NOT_PERMITTED = 77;

    private final int exitCode;

    public LabException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public LabException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
