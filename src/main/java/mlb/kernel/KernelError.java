package mlb.kernel;

/** The kernel or its tools could not be used at all; the CLI maps the reason to an exit code. */
public final class KernelError extends RuntimeException {
    public enum Reason { MISSING_TOOL, NOT_PERMITTED, FAILED }

    private final Reason reason;

    public KernelError(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Classifies a failed iproute2 call by its stderr. */
    public static KernelError from(String what, String stderr) {
        String err = stderr.strip();
        if (err.contains("Operation not permitted") || err.contains("Permission denied")) {
            return new KernelError(Reason.NOT_PERMITTED, what + ": " + err + " (run as root)");
        }
        if (err.contains("is unknown, try \"ip help\"") || err.contains("Unknown command")) {
            return new KernelError(Reason.MISSING_TOOL, what + ": " + err
                    + " (this iproute2 is too old: install a current iproute2 package)");
        }
        if (err.contains("Cannot open network namespace") || err.contains("No such file or directory")) {
            return new KernelError(Reason.FAILED, what + ": " + err + " (does the network namespace exist? ip netns list)");
        }
        return new KernelError(Reason.FAILED, what + ": " + err);
    }
}
