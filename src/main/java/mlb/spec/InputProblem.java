package mlb.spec;

import java.nio.file.Path;

/**
 * Why a spec file could not be read, before any of it was parsed. kind lets a caller tell a missing file
 * (exit 66) from the others; message is the reason in the OS's words where it has them, hint what to do.
 */
public record InputProblem(Kind kind, String message, String hint) {
    public enum Kind {
        /** Nothing at the path (or a part of it is not a directory). */
        MISSING,
        /** A directory, FIFO, socket or device: refused without reading, since reading could block or never end. */
        NOT_REGULAR,
        /** Larger than SpecFile.MAX_BYTES. */
        TOO_LARGE,
        /** The file or a directory on the way to it may not be read by this user. */
        NOT_PERMITTED,
        /** Anything else: an I/O error, or bytes that are not UTF-8 text. */
        UNREADABLE
    }

    /** This problem as the one diagnostic of a spec that could not be read. */
    public Diagnostic diagnostic(Path file) {
        return new Diagnostic(Code.UNREADABLE, file.toString(), 0, 0, "", "cannot read the spec: " + message, hint);
    }
}
