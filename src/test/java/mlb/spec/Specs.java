package mlb.spec;

import io.vavr.collection.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helpers shared by the spec tests: a valid link to start from, and diagnostics in a comparable form. */
final class Specs {
    /** Lines 1-4; a test appends its own keys from line 5 on. */
    static final String LINK = """
            [[link]]
            name = "isp1"
            dev = "eth1"
            gateway = "203.0.113.1"
            """;

    private Specs() {
    }

    static Spec valid(String toml) {
        var result = SpecParser.parse(toml, "spec.toml");
        assertTrue(result.isValid(), () -> "expected a valid spec, got " + result.getError().mkString("\n"));
        return result.get();
    }

    static List<Diagnostic> diagnostics(String toml) {
        var result = SpecParser.parse(toml, "spec.toml");
        assertTrue(result.isInvalid(), "expected diagnostics for:\n" + toml);
        return result.getError();
    }

    /** "line:col path: message", the parts every diagnostic test pins down. */
    static List<String> problems(String toml) {
        return diagnostics(toml).map(Specs::brief);
    }

    static String brief(Diagnostic d) {
        return d.line() + ":" + d.column() + " " + (d.keyPath().isEmpty() ? "" : d.keyPath() + ": ") + d.message();
    }

    /** Asserts that toml has exactly this one problem, and returns it for a look at its hint. */
    static Diagnostic only(String toml, String expected) {
        List<Diagnostic> all = diagnostics(toml);
        assertEquals(List.of(expected), all.map(Specs::brief));
        assertEquals("spec.toml", all.head().file());
        return all.head();
    }
}
