package mlb.spec;

/**
 * One problem in a spec, placed as precisely as we can: file:line:col when the position is known,
 * and always the key path (e.g. link[1].gateway). hint says what to write instead.
 */
public record Diagnostic(String file, int line, int column, String keyPath, String message, String hint) {
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) s.append(':').append(line).append(':').append(column);
        s.append(": ");
        if (keyPath != null && !keyPath.isEmpty()) s.append(keyPath).append(": ");
        s.append(message);
        if (hint != null && !hint.isEmpty()) s.append(" (").append(hint).append(')');
        return s.toString();
    }
}
