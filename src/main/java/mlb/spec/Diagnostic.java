package mlb.spec;

/**
 * One problem in a spec, a value: its code (what kind of problem, for scripts), placed as precisely as we can:
 * file:line:col when the position is known, and always the key path (e.g. link[1].gateway). hint says what to
 * write instead.
 */
public record Diagnostic(Code code, String file, int line, int column, String keyPath, String message, String hint) {
    /** A problem without a place in the file (the host's facts or the kernel's objects show it); path may be "". */
    public static Diagnostic unplaced(Code code, String path, String message, String hint) {
        return new Diagnostic(code, "", 0, 0, path, message, hint);
    }

    /** The same problem, named in a file (rules build them without one; only the parser's edge knows it). */
    public Diagnostic inFile(String name) {
        return file.isEmpty() ? new Diagnostic(code, name, line, column, keyPath, message, hint) : this;
    }

    /** As a person reads it; a problem with the host (no file, no path) is its message and hint alone. */
    @Override
    public String toString() {
        if (file.isEmpty() && line == 0) return message + (hint.isEmpty() ? "" : " (" + hint + ")");
        StringBuilder s = new StringBuilder(file);
        if (line > 0) s.append(':').append(line).append(':').append(column);
        s.append(": ");
        if (keyPath != null && !keyPath.isEmpty()) s.append(keyPath).append(": ");
        s.append(message);
        if (hint != null && !hint.isEmpty()) s.append(" (").append(hint).append(')');
        return s.toString();
    }
}
