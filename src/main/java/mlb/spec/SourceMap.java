package mlb.spec;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import mlb.spec.Node.Pos;

/**
 * Where each key and value of a TOML text was written, by key path ("link[1].check.targets[0]").
 * jackson-dataformat-toml builds its whole tree before handing out tokens, so its parser reports no location
 * for anything in a valid document; we find positions by walking the text ourselves. The text has already
 * been accepted by jackson, so this only follows structure (headers, keys, brackets, strings) and skips values.
 * It must never fail: a position it cannot find just falls back to the enclosing table.
 * It also finds the first value nested deeper than MAX_DEPTH and stops there, so that neither this walk nor the
 * ones after it go deep, however the text nests (jackson limits arrays and inline tables, not dotted keys).
 */
final class SourceMap {
    /** Keys and indexes on a path; link[0].route[0].to, the deepest a spec needs, has five. */
    static final int MAX_DEPTH = 16;

    private record Segment(String name, int offset) {
    }

    /** A path with its number of keys and indexes. */
    private record At(String path, int depth) {
    }

    /** The first value nested deeper than MAX_DEPTH, with its path and where it starts. */
    record Deep(String path, Pos at) {
    }

    private final String text;
    private final Lines lines;
    private int i;
    private Map<String, Pos> keys = HashMap.empty();
    private Map<String, Pos> values = HashMap.empty();
    /** How many [[x]] tables each array-of-tables path has seen so far: the next one gets that index. */
    private Map<String, Integer> arrays = HashMap.empty();
    private Option<Deep> deep = Option.none();

    private SourceMap(String text) {
        this.text = text;
        this.lines = Lines.of(text);
    }

    static SourceMap of(String text) {
        SourceMap map = new SourceMap(text);
        map.document();
        return map;
    }

    Option<Pos> key(String path) {
        return keys.get(path);
    }

    Option<Pos> value(String path) {
        return values.get(path);
    }

    Option<Deep> tooDeep() {
        return deep;
    }

    private void document() {
        if (text.startsWith(String.valueOf(Lines.BOM))) i = 1;
        At table = new At("", 0);
        while (i < text.length()) {
            skipBlank();
            if (i >= text.length()) break;
            char c = text.charAt(i);
            if (c == '[') table = header();
            else if (c != '#' && c != '\n' && c != '\r') keyValue(table);
            skipLine();
        }
    }

    private At header() {
        int start = i;
        boolean array = text.startsWith("[[", i);
        i += array ? 2 : 1;
        List<Segment> segments = dottedKey();
        Pos at = pos(start);
        String path = "";
        int depth = 0;
        for (int k = 0; k < segments.size(); k++) {
            path = join(path, segments.get(k).name());
            depth++;
            boolean last = k == segments.size() - 1;
            if (last && array) {
                int index = arrays.getOrElse(path, 0);
                arrays = arrays.put(path, index + 1);
                mark(path, depth, at, at, false);
                path = path + "[" + index + "]";
                depth++;
                mark(path, depth, at, at, true);
            } else {
                Option<Integer> count = arrays.get(path);
                path = path + count.map(n -> "[" + (n - 1) + "]").getOrElse("");
                depth += count.isDefined() ? 1 : 0;
                mark(path, depth, at, at, last);
            }
        }
        return new At(path, depth);
    }

    private void keyValue(At table) {
        int start = i;
        At key = keyPath(table);
        skipBlank();
        if (i < text.length() && text.charAt(i) == '=') i++;
        skipBlank();
        skipValue(key);
        if (i == start) i++;
    }

    /** Reads a dotted key, marks the implicit tables it opens, and returns its full path. */
    private At keyPath(At table) {
        List<Segment> segments = dottedKey();
        String path = table.path();
        int depth = table.depth();
        for (int k = 0; k < segments.size(); k++) {
            path = join(path, segments.get(k).name());
            Pos at = pos(segments.get(k).offset());
            mark(path, ++depth, at, at, k == segments.size() - 1);
        }
        return new At(path, depth);
    }

    /** At most one segment more than MAX_DEPTH: a longer key is too deep anyway, and its path would be huge. */
    private List<Segment> dottedKey() {
        List<Segment> segments = List.empty();
        while (i < text.length() && segments.size() <= MAX_DEPTH) {
            skipBlank();
            int start = i;
            String name = keyName();
            if (i == start) break;
            segments = segments.append(new Segment(name, start));
            skipBlank();
            if (i >= text.length() || text.charAt(i) != '.') break;
            i++;
        }
        return segments;
    }

    private String keyName() {
        if (i >= text.length()) return "";
        char c = text.charAt(i);
        if (c == '"' || c == '\'') {
            int start = i;
            skipString();
            String quoted = text.substring(start + 1, Math.max(start + 1, i - 1));
            return c == '"' ? unescape(quoted) : quoted;
        }
        int start = i;
        while (i < text.length() && isBareKeyChar(text.charAt(i))) i++;
        return text.substring(start, i);
    }

    private void skipValue(At value) {
        if (i >= text.length()) return;
        Pos at = pos(i);
        if (!mark(value.path(), value.depth(), keys.get(value.path()).getOrElse(at), at, true)) return;
        char c = text.charAt(i);
        if (c == '[') array(value);
        else if (c == '{') inlineTable(value);
        else if (c == '"' || c == '\'') skipString();
        else while (i < text.length() && " \t\r\n,]}#".indexOf(text.charAt(i)) < 0) i++;
    }

    private void array(At array) {
        i++;
        int index = 0;
        while (i < text.length()) {
            skipSpaceAndComments();
            if (i >= text.length()) return;
            char c = text.charAt(i);
            if (c == ']') {
                i++;
                return;
            }
            if (c == ',') {
                i++;
                continue;
            }
            int start = i;
            skipValue(new At(array.path() + "[" + index++ + "]", array.depth() + 1));
            if (i == start) i++;
        }
    }

    private void inlineTable(At table) {
        i++;
        while (i < text.length()) {
            skipSpaceAndComments();
            if (i >= text.length()) return;
            char c = text.charAt(i);
            if (c == '}') {
                i++;
                return;
            }
            if (c == ',') {
                i++;
                continue;
            }
            keyValue(table);
        }
    }

    /** Skips any TOML string starting at i, single- or multi-line, basic (with escapes) or literal. */
    private void skipString() {
        char quote = text.charAt(i);
        String triple = String.valueOf(quote).repeat(3);
        boolean multiline = text.startsWith(triple, i);
        i += multiline ? 3 : 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"') {
                i += 2;
            } else if (multiline && text.startsWith(triple, i)) {
                i += 3;
                // a closing """ may be preceded by up to two quotes that belong to the content
                for (int extra = 0; extra < 2 && i < text.length() && text.charAt(i) == quote; extra++) i++;
                return;
            } else if (!multiline && (c == quote || c == '\n')) {
                if (c == quote) i++;
                return;
            } else {
                i++;
            }
        }
        i = Math.min(i, text.length());
    }

    /** Records where path was written; past MAX_DEPTH, records the first such path instead and ends the walk. */
    private boolean mark(String path, int depth, Pos key, Pos value, boolean override) {
        if (depth > MAX_DEPTH) {
            if (deep.isEmpty()) deep = Option.some(new Deep(path, value));
            i = text.length();
            return false;
        }
        if (override || !keys.containsKey(path)) keys = keys.put(path, key);
        if (override || !values.containsKey(path)) values = values.put(path, value);
        return true;
    }

    private void skipBlank() {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
    }

    private void skipLine() {
        while (i < text.length() && text.charAt(i) != '\n') i++;
        if (i < text.length()) i++;
    }

    private void skipSpaceAndComments() {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                return;
            }
        }
    }

    private Pos pos(int offset) {
        return lines.at(offset);
    }

    /** TOML basic-string escapes, so that a quoted key's path matches the one jackson reports. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != '\\' || k + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++k);
            int hex = e == 'u' ? 4 : e == 'U' ? 8 : 0;
            if (hex > 0 && k + hex < s.length() && s.substring(k + 1, k + 1 + hex).matches("[0-9A-Fa-f]+")) {
                int code = (int) Long.parseLong(s.substring(k + 1, k + 1 + hex), 16);
                if (Character.isValidCodePoint(code)) out.appendCodePoint(code);
                k += hex;
            } else {
                out.append(switch (e) {
                    case 'b' -> '\b';
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'f' -> '\f';
                    case 'r' -> '\r';
                    default -> e;
                });
            }
        }
        return out.toString();
    }

    private static boolean isBareKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private static String join(String path, String key) {
        return Node.join(path, key);
    }
}
