package mlb.spec;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;

import java.math.BigInteger;

/**
 * One TOML value with the key path that reached it and where it was written: `at` is the value (or a table's
 * header), `key` is the key naming it. value is a String, BigInteger, Double, Boolean, a Map of keys to Nodes
 * (a table) or a List of Nodes (an array).
 */
record Node(String path, Object value, Pos at, Pos key) {

    /** 1-based line and column; line 0 means unknown. */
    record Pos(int line, int column) {
        static final Pos NONE = new Pos(0, 0);

        boolean known() {
            return line > 0;
        }
    }

    boolean isTable() {
        return value instanceof Map;
    }

    @SuppressWarnings("unchecked")
    Map<String, Node> table() {
        return isTable() ? (Map<String, Node>) value : LinkedHashMap.empty();
    }

    @SuppressWarnings("unchecked")
    List<Node> array() {
        return value instanceof List ? (List<Node>) value : List.empty();
    }

    Option<Node> get(String key) {
        return table().get(key);
    }

    /** The key this node sits under, without array indexes: "targets" for link[0].check.targets[1]. */
    String name() {
        String p = path.replaceAll("\\[\\d+]$", "");
        return p.substring(p.lastIndexOf('.') + 1);
    }

    String child(String key) {
        return join(path, key);
    }

    /** path.key, with a key that is not a bare TOML key quoted the TOML way, so a path is always printable. */
    static String join(String path, String key) {
        String segment = key.matches("[A-Za-z0-9_-]+") ? key : Problems.quote(key);
        return path.isEmpty() ? segment : path + "." + segment;
    }

    String typeName() {
        if (value instanceof String) return "a string";
        if (value instanceof BigInteger) return "an integer";
        if (value instanceof Double) return "a float";
        if (value instanceof Boolean) return "a boolean";
        if (value instanceof List) return "an array";
        return "a table";
    }

    /** A problem with this value. The file is filled in by SpecParser, the only place that knows it. */
    Diagnostic problem(Code code, String message, String hint) {
        return new Diagnostic(code, "", at.line(), at.column(), path, message, hint);
    }

    /** A problem with the key itself (unknown, misplaced). */
    Diagnostic keyProblem(Code code, String message, String hint) {
        return new Diagnostic(code, "", key.line(), key.column(), path, message, hint);
    }

    /** A problem with a key of this table that is absent: placed at the table's header. */
    Diagnostic missing(String key, String message, String hint) {
        return new Diagnostic(Code.MISSING_KEY, "", at.line(), at.column(), child(key), message, hint);
    }
}
