package mlb.spec;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

/** Gluing Validations together without losing any diagnostic. */
final class Problems {
    private Problems() {
    }

    static <T> Validation<List<Diagnostic>, T> all(Validation<? extends Seq<Diagnostic>, T> v) {
        return v.mapError(Seq::toList);
    }

    static <T> Validation<List<Diagnostic>, T> one(Validation<Diagnostic, T> v) {
        return v.mapError(List::of);
    }

    /** v, failed with extra in front of its own problems when extra is not empty. */
    static <T> Validation<List<Diagnostic>, T> with(List<Diagnostic> extra, Validation<List<Diagnostic>, T> v) {
        if (extra.isEmpty()) return v;
        return Validation.invalid(extra.appendAll(v.isInvalid() ? v.getError() : List.empty()));
    }

    static List<Diagnostic> of(Validation<?, ?> v) {
        if (v.isValid()) return List.empty();
        Object e = v.getError();
        if (e instanceof Diagnostic d) return List.of(d);
        return List.ofAll(((Seq<?>) e).map(Diagnostic.class::cast));
    }

    static <T> Validation<List<Diagnostic>, T> flat(Validation<? extends Seq<List<Diagnostic>>, T> v) {
        return v.mapError(lists -> lists.flatMap(l -> l).toList());
    }

    /**
     * A user's string as we echo it in a message: quoted, control and format (bidi) characters escaped so that a spec cannot
     * write to the terminal, and cut short so that one bad value cannot flood the output.
     */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20 || c == 0x7f || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append(s.length() > 64 ? "...\"" : "\"").toString();
    }
}
