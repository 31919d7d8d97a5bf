package mlb.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.vavr.Tuple;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Stream;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.spec.Node.Pos;

/** TOML text → a tree of Nodes that know where they were written, or the one syntax error that stops us. */
final class TomlTree {
    /**
     * A backstop: SourceMap refuses anything deeper than its MAX_DEPTH with a position, but jackson must not build
     * a deep tree first. Its limit counts arrays and inline tables only, so it is always hit later than ours.
     */
    private static final TomlMapper MAPPER = new TomlMapper(TomlFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
            .build());

    private TomlTree() {
    }

    static Either<Diagnostic, Node> parse(String text) {
        // jackson refuses a byte order mark, which some editors write; offsets into the text skip it too.
        int skipped = !text.isEmpty() && text.charAt(0) == Lines.BOM ? 1 : 0;
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(text.substring(skipped));
        } catch (StreamConstraintsException e) {
            return Either.left(SourceMap.of(text).tooDeep().map(TomlTree::tooDeep)
                    .getOrElse(() -> syntaxError(e, text, skipped)));
        } catch (JacksonException e) {
            return Either.left(syntaxError(e, text, skipped));
        }
        SourceMap positions = SourceMap.of(text);
        JsonNode root = parsed == null || !parsed.isObject() ? MAPPER.createObjectNode() : parsed;
        Option<Diagnostic> deep = positions.tooDeep().map(TomlTree::tooDeep)
                .orElse(() -> deepest(root, "", 0).map(path -> tooDeep(new SourceMap.Deep(path, Pos.NONE))));
        if (deep.isDefined()) return Either.left(deep.get());
        return Either.right(node(root, "", Pos.NONE, positions));
    }

    /** A guard for node(), in case the walk of the text ever misreads the nesting: at most MAX_DEPTH calls deep. */
    private static Option<String> deepest(JsonNode json, String path, int depth) {
        if (depth > SourceMap.MAX_DEPTH) return Option.some(path);
        if (json.isObject()) {
            return Stream.ofAll(json::fieldNames)
                    .flatMap(k -> deepest(json.get(k), Node.join(path, k), depth + 1)).headOption();
        }
        return Stream.range(0, json.size()).flatMap(k -> deepest(json.get(k), path + "[" + k + "]", depth + 1))
                .headOption();
    }

    private static Diagnostic tooDeep(SourceMap.Deep deep) {
        return new Diagnostic(Code.NOT_HERE, "", deep.at().line(), deep.at().column(), deep.path(),
                "nested more than " + SourceMap.MAX_DEPTH + " levels deep",
                "a spec nests at most five levels, as in link[0].route[0].to: write this value without the extra "
                        + "arrays, tables or dotted keys");
    }

    private static Node node(JsonNode json, String path, Pos parent, SourceMap positions) {
        Pos at = positions.value(path).orElse(positions.key(path)).getOrElse(parent);
        Pos key = positions.key(path).getOrElse(at);
        return new Node(path, value(json, path, at, positions), at, key);
    }

    private static Object value(JsonNode json, String path, Pos at, SourceMap positions) {
        if (json.isObject()) {
            return LinkedHashMap.ofEntries(Stream.ofAll(json::fieldNames).map(k ->
                    Tuple.of(k, node(json.get(k), Node.join(path, k), at, positions))));
        }
        if (json.isArray()) {
            return List.range(0, json.size()).map(k -> node(json.get(k), path + "[" + k + "]", at, positions));
        }
        if (json.isIntegralNumber()) return json.bigIntegerValue();
        if (json.isNumber()) return json.doubleValue();
        if (json.isBoolean()) return json.booleanValue();
        return json.asText();
    }

    /**
     * Placed by jackson's character offset, not its line number: its lexer also counts U+0085, U+2028 and a lone
     * CR as line breaks, which moved errors after such a character (even one inside a string) down a line.
     */
    private static Diagnostic syntaxError(JacksonException e, String text, int skipped) {
        JsonLocation where = e.getLocation();
        long offset = where == null ? -1 : where.getCharOffset();
        String message = cleaned(e.getOriginalMessage());
        if (offset < 0) return new Diagnostic(Code.TOML_SYNTAX, "", 0, 0, "", "invalid TOML: " + message, syntaxHint(message));
        Pos at = Lines.of(text).at((int) Math.min(offset + skipped, text.length()));
        int line = at.line(), column = at.column();
        // These two are reported after the newline that ends the offending line; point at that line instead.
        if (column == 1 && line > 1 && (message.startsWith("duplicate key") || message.startsWith("premature end"))) {
            String[] lines = text.split("\n", -1);
            line--;
            column = lines[line - 1].replaceAll("\r$", "").length() + 1;
        }
        return new Diagnostic(Code.TOML_SYNTAX, "", line, column, "", "invalid TOML: " + message, syntaxHint(message));
    }

    /** The parser's words without Java: its token names become what the user typed, API references go. */
    static String cleaned(String message) {
        String m = message == null ? "unreadable input" : message
                .replaceAll(",? ?from `[^`]*`", "")
                .replace("Path into existing non-object value of type ARRAY", "this key already holds an array")
                .replaceAll("Path into existing non-array value of type \\w+",
                        "this key is already defined, not as an array of tables")
                .replaceAll("Path into existing non-object value of type \\w+", "this key already holds a value")
                .replaceAll("\\s*\\(\\s*\\)", "")
                .replace("UNQUOTED_KEY", "a key").replace("DOT_SEP", "'.'").replace("KEY_VAL_SEP", "'='")
                .replace("STD_TABLE_OPEN", "'['").replace("STD_TABLE_CLOSE", "']'")
                .replace("ARRAY_TABLE_OPEN", "'[['").replace("ARRAY_TABLE_CLOSE", "']]'")
                .replace("INLINE_TABLE_OPEN", "'{'").replace("INLINE_TABLE_CLOSE", "'}'")
                .replace("ARRAY_OPEN", "'['").replace("ARRAY_CLOSE", "']'").replace("COMMA", "','")
                .replace("ARRAY_WS_COMMENT_NEWLINE", "a line break")
                .replaceAll("OFFSET_DATE_TIME|LOCAL_DATE_TIME|LOCAL_DATE|LOCAL_TIME", "a date")
                .replace("STRING", "a string").replace("INTEGER", "an integer").replace("FLOAT", "a float")
                .replace("TRUE", "true").replace("FALSE", "false").replace("Got ", "got ")
                .replaceAll("\\s+", " ").trim();
        if (m.isEmpty()) return "unreadable input";
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    private static String syntaxHint(String message) {
        if (message.startsWith("duplicate key")) return "each key may appear once per table: remove or rename one";
        if (message.startsWith("table redefined")) return "write each [table] header once; start every link with [[link]]";
        if (message.startsWith("this key ")) return "start every link with [[link]]; write its probe as [link.check]";
        if (message.startsWith("premature end")) return "close the string, array or table that is still open";
        if (message.startsWith("more data after value")) return "write one key = value per line; put strings in double quotes";
        if (message.startsWith("unknown token")) return "put strings in double quotes, e.g. dev = \"eth1\"";
        if (message.startsWith("document nesting")) return "a spec needs no more than [[link.route]] levels of nesting";
        return "write key = value lines under [balancer] and [[link]] headers; see https://toml.io for TOML";
    }
}
