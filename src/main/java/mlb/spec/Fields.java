package mlb.spec;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import io.vavr.control.Validation;

import java.math.BigInteger;
import java.util.function.Function;

/**
 * Typed reads of single values. Each check yields at most one Diagnostic per value, so that one mistake
 * is reported once. Hints show the line the user could write, with the key's own example value.
 */
final class Fields {
    private Fields() {
    }

    static Validation<Diagnostic, Node> required(Node table, String key, String example) {
        return table.get(key).toValidation(() -> table.missing(key, "missing required key",
                "add " + key + " = " + example + headerWord(table)));
    }

    /** A key that only some settings need: the message says which, e.g. "for method \"tcp\"". */
    static Validation<Diagnostic, Node> requiredFor(Node table, String key, String example, String why) {
        return table.get(key).toValidation(() -> table.missing(key, "missing required key " + why,
                "add " + key + " = " + example + headerWord(table)));
    }

    static <R> Validation<Diagnostic, Option<R>> optional(Node table, String key,
                                                         Function<Node, Validation<Diagnostic, R>> rule) {
        return table.get(key).fold(() -> Validation.valid(Option.none()), n -> rule.apply(n).map(Option::some));
    }

    static Validation<Diagnostic, String> string(Node n, String example) {
        return n.value() instanceof String s ? Validation.valid(s) : Validation.invalid(typeError(n, "a string", example));
    }

    static Validation<Diagnostic, Boolean> bool(Node n, String example) {
        if (n.value() instanceof Boolean b) return Validation.valid(b);
        if (n.value() instanceof String s && (s.trim().equals("true") || s.trim().equals("false"))) {
            return Validation.invalid(n.problem(Code.WRONG_TYPE, "expected a boolean, found a string",
                    "write " + n.name() + " = " + s.trim() + ", without quotes"));
        }
        return Validation.invalid(typeError(n, "a boolean", example));
    }

    static Validation<Diagnostic, BigInteger> integer(Node n, String example) {
        if (n.value() instanceof BigInteger v) return Validation.valid(v);
        if (n.value() instanceof String s && s.trim().matches("-?\\d{1,18}")) {
            return Validation.invalid(n.problem(Code.WRONG_TYPE, "expected an integer, found a string",
                    "write " + n.name() + " = " + s.trim() + ", a number without quotes"));
        }
        return Validation.invalid(typeError(n, "an integer", example));
    }

    /** An integer within min..max; the hint repeats the example since "found 0" alone does not say what fits. */
    static Validation<Diagnostic, Integer> integer(Node n, String example, long min, long max) {
        return integer(n, example).flatMap(v -> within(v, min, max)
                ? Validation.valid(v.intValue())
                : Validation.invalid(n.problem(Code.OUT_OF_RANGE, "must be " + min + ".." + max + ", found " + v,
                "write " + n.name() + " = " + example)));
    }

    /** One of a few words; the hint proposes the nearest one, or the example. */
    static Validation<Diagnostic, String> oneOf(Node n, List<String> choices, String example) {
        return string(n, example).flatMap(s -> {
            if (choices.contains(s)) return Validation.valid(s);
            String word = Suggest.closest(s, choices).map(c -> '"' + c + '"').getOrElse(example);
            return Validation.invalid(n.problem(Code.BAD_VALUE,
                    "must be " + choices.map(c -> '"' + c + '"').mkString(" or ") + ", found " + Problems.quote(s),
                    n.path().endsWith("]") ? "write " + word + " instead" : "write " + n.name() + " = " + word));
        });
    }

    static Validation<Diagnostic, Node> table(Node n, String hint) {
        return n.isTable() ? Validation.valid(n) : Validation.invalid(
                n.problem(Code.WRONG_TYPE, "expected a table, found " + n.typeName(), hint));
    }

    static Validation<Diagnostic, List<Node>> array(Node n, String hint) {
        return n.value() instanceof List ? Validation.valid(n.array()) : Validation.invalid(
                n.problem(Code.WRONG_TYPE, "expected an array, found " + n.typeName(), hint));
    }

    /** Each item read by rule; a value given twice is a problem at its second place, even when others are wrong. */
    static Validation<List<Diagnostic>, List<String>> unique(List<Node> items, String what,
                                                            Function<Node, Validation<Diagnostic, String>> rule) {
        List<Diagnostic> problems = List.empty();
        Set<String> seen = HashSet.empty();
        for (Node item : items) {
            Validation<Diagnostic, String> v = rule.apply(item);
            if (v.isInvalid()) {
                problems = problems.append(v.getError());
            } else if (seen.contains(v.get())) {
                problems = problems.append(item.problem(Code.DUPLICATE, "duplicate " + what + " " + Problems.quote(v.get()),
                        "list each " + what + " once"));
            }
            seen = seen.addAll(v.toOption());
        }
        return problems.isEmpty() ? Validation.valid(items.map(rule).map(Validation::get)) : Validation.invalid(problems);
    }

    static Diagnostic typeError(Node n, String expected, String example) {
        String value = n.path().endsWith("]") ? "[" + example + "]" : example;
        return n.problem(Code.WRONG_TYPE, "expected " + expected + ", found " + n.typeName(), "write " + n.name() + " = " + value);
    }

    static boolean within(BigInteger v, long min, long max) {
        return v.compareTo(BigInteger.valueOf(min)) >= 0 && v.compareTo(BigInteger.valueOf(max)) <= 0;
    }

    /** " to this [[link]]" and the like, so a missing-key hint says where the line goes. */
    private static String headerWord(Node table) {
        String generic = table.path().replaceAll("\\[\\d+]", "");
        if (generic.isEmpty()) return "";
        boolean element = table.path().endsWith("]");
        return " to this " + (element ? "[[" + generic + "]]" : "[" + generic + "]");
    }
}
