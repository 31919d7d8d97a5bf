package mlb.spec;

import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.spec.Hook.Event;

import java.util.Locale;
import java.util.function.Function;

/** [[hook]]: a program the monitor runs on events, given as argv so that no shell ever reads it. */
final class HookRules {
    private static final String PROGRAM = "\"/usr/local/bin/mlb-notify\"";
    private static final String ARGV = "[" + PROGRAM + ", \"--to\", \"ops\"]";
    private static final List<String> EVENTS = List.of(Event.values()).map(Event::keyword);

    private HookRules() {
    }

    /** linkNames is empty when some link has no valid name: then names are not checked, to not report twice. */
    static Validation<List<Diagnostic>, List<Hook>> read(Option<Node> hooks, Option<List<String>> linkNames) {
        if (hooks.isEmpty()) return Validation.valid(List.empty());
        Node h = hooks.get();
        if (!(h.value() instanceof List)) {
            return Validation.invalid(List.of(h.problem(Code.WRONG_TYPE, "expected [[hook]] tables, found " + h.typeName(),
                    "write [[hook]], with double brackets, above each hook's keys")));
        }
        return Problems.all(Validation.sequence(h.array().map(e -> hook(e, linkNames)))).map(List::ofAll);
    }

    private static Validation<List<Diagnostic>, Hook> hook(Node e, Option<List<String>> linkNames) {
        if (!e.isTable()) {
            return Validation.invalid(List.of(e.problem(Code.WRONG_TYPE, "expected a table, found " + e.typeName(),
                    "write each hook as a [[hook]] table")));
        }
        return Problems.with(Keys.unknown(e, Keys.HOOK), Problems.flat(Validation.combine(
                Problems.one(Fields.required(e, "argv", ARGV)).flatMap(HookRules::argv),
                optional(e, "events", HookRules::events).map(o -> o.getOrElse(TreeSet.of(Event.values()))),
                optional(e, "links", n -> links(n, linkNames)),
                Problems.one(Fields.optional(e, "timeout", n -> Durations.read(n, "\"10s\"", Hook.MIN_TIMEOUT,
                        Hook.MAX_TIMEOUT)).map(o -> o.getOrElse(Hook.DEFAULT_TIMEOUT)))
        ).ap(Hook::new)));
    }

    private static Validation<List<Diagnostic>, List<String>> argv(Node n) {
        return nonEmpty(n, "write argv = " + ARGV, "the program to run is required", "write argv = " + ARGV)
                .flatMap(items -> Problems.all(Validation.sequence(items.zipWithIndex()
                        .map(item -> Problems.one(argument(item._1, item._2 == 0))))).map(List::ofAll));
    }

    private static Validation<Diagnostic, String> argument(Node n, boolean program) {
        return Fields.string(n, PROGRAM).flatMap(s -> {
            if (s.indexOf('\0') >= 0) {
                return Validation.invalid(n.problem(Code.BAD_VALUE, "contains a NUL character",
                        "remove it: a program's arguments cannot hold NUL"));
            }
            if (program && !s.startsWith("/")) {
                String example = s.matches("[A-Za-z0-9._-]{1,64}") ? "\"/usr/local/bin/" + s + "\"" : PROGRAM;
                return Validation.invalid(n.problem(Code.BAD_VALUE, "not an absolute path: " + Problems.quote(s),
                        "write the program's full path, e.g. " + example + "; hooks do not search PATH"));
            }
            return Validation.valid(s);
        });
    }

    private static Validation<List<Diagnostic>, SortedSet<Event>> events(Node n) {
        return nonEmpty(n, "write events = [\"down\", \"up\"]", "at least one event is required",
                "write events = [\"down\"], or leave events out to run on every event")
                .flatMap(items -> Fields.unique(items, "event", i -> Fields.oneOf(i, EVENTS, "\"down\"")))
                .map(words -> TreeSet.ofAll(words.map(w -> Event.valueOf(w.toUpperCase(Locale.ROOT)))));
    }

    private static Validation<List<Diagnostic>, SortedSet<String>> links(Node n, Option<List<String>> known) {
        return nonEmpty(n, "write links = [\"isp1\"]", "at least one link name is required",
                "write links = [\"isp1\"], or leave links out to run for every link")
                .flatMap(items -> Fields.unique(items, "link", i -> linkName(i, known)))
                .map(TreeSet::ofAll);
    }

    private static Validation<Diagnostic, String> linkName(Node n, Option<List<String>> known) {
        return Fields.string(n, "\"isp1\"").flatMap(s -> known.filter(names -> !names.contains(s))
                .map(names -> Validation.<Diagnostic, String>invalid(n.problem(Code.UNKNOWN_LINK, "no [[link]] is named "
                        + Problems.quote(s) + Suggest.closest(s, names).map(c -> " (did you mean \"" + c + "\"?)")
                        .getOrElse(""), "write one of the links in this spec: "
                        + names.map(Problems::quote).mkString(", "))))
                .getOrElse(Validation.valid(s)));
    }

    private static Validation<List<Diagnostic>, List<Node>> nonEmpty(Node n, String arrayHint, String emptyMessage,
                                                                   String emptyHint) {
        return Problems.one(Fields.array(n, arrayHint)).flatMap(items -> items.isEmpty()
                ? Validation.invalid(List.of(n.problem(Code.MISSING_KEY, emptyMessage, emptyHint)))
                : Validation.valid(items));
    }

    private static <R> Validation<List<Diagnostic>, Option<R>> optional(Node table, String key,
                                                                       Function<Node, Validation<List<Diagnostic>, R>> rule) {
        return table.get(key).fold(() -> Validation.valid(Option.none()), n -> rule.apply(n).map(Option::some));
    }
}
