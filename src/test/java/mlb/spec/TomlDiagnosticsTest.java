package mlb.spec;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import static mlb.spec.Specs.LINK;
import static mlb.spec.Specs.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where TOML-level problems are placed: syntax errors by the parser's offset, nesting by our own walk. */
class TomlDiagnosticsTest {
    @Test
    void aSyntaxErrorOnLineOneIsOnLineOne() {
        only("x = = 1\n", "1:5 invalid TOML: unknown token");
        only("x = = 1", "1:5 invalid TOML: unknown token");
        only("[[link]] x\n", "1:10 invalid TOML: more data after value has already ended. "
                + "Invalid value preceding this position?");
    }

    /** jackson's lexer counts U+0085, U+2028 and U+2029 as line breaks; TOML (and every editor here) does not. */
    @Test
    void unicodeLineSeparatorsInsideStringsDoNotMoveErrorsDown() {
        only("name = \"x\u0085\" = 1\n", "1:13 invalid TOML: more data after value has already ended. "
                + "Invalid value preceding this position?");
        only("a = \"\u2028\" b\n", "1:9 invalid TOML: more data after value has already ended. "
                + "Invalid value preceding this position?");
        only("# \u2029 comment\n" + LINK.replace("\"eth1\"", "eth1"), "4:7 invalid TOML: unknown token");
        only("balancer = \"\u0085\"\n[balancer]\n", "2:10 invalid TOML: this key already holds a value");
    }

    @Test
    void aLoneCarriageReturnIsRefusedWhereItIs() {
        only("x = 1\rx = = 2\n", "1:6 invalid TOML: newline not permitted here");
    }

    @Test
    void aByteOrderMarkIsAcceptedAndTakesNoColumn() {
        Spec spec = Specs.valid("\uFEFF" + LINK);
        assertEquals("\uFEFF" + LINK, spec.source());
        only("\uFEFFcolour = 1\n" + LINK, "1:1 colour: unknown key");
        only("\uFEFF" + LINK.replace("\"eth1\"", "eth1"), "3:7 invalid TOML: unknown token");
        only("\uFEFFx = = 1\n", "1:5 invalid TOML: unknown token");
    }

    @Test
    void deepArraysAreRefusedWithPositionAndPath() {
        Diagnostic d = only("a = " + "[".repeat(40) + "]".repeat(40) + "\n",
                "1:21 a" + "[0]".repeat(16) + ": nested more than 16 levels deep");
        assertEquals("a spec nests at most five levels, as in link[0].route[0].to: write this value without the "
                + "extra arrays, tables or dotted keys", d.hint());
        only(LINK + "[link.check]\ntargets = " + "[".repeat(40) + "]".repeat(40) + "\n",
                "6:24 link[0].check.targets" + "[0]".repeat(13) + ": nested more than 16 levels deep");
        only(LINK + "[link.check]\ntargets = " + "[".repeat(14) + "]".repeat(14) + "\n",
                "6:24 link[0].check.targets" + "[0]".repeat(13) + ": nested more than 16 levels deep");
    }

    @Test
    void deepInlineTablesAndDottedKeysAreRefusedToo() {
        only("a = " + "{b = ".repeat(40) + "1" + "}".repeat(40) + "\n",
                "1:81 a" + ".b".repeat(16) + ": nested more than 16 levels deep");
        only(LINK + "x" + ".x".repeat(100_000) + " = 1\n", "5:29 link[0]" + ".x".repeat(15) + ": nested more than 16 levels deep");
        only("[" + "t.".repeat(50_000) + "t]\n", "1:1 t" + ".t".repeat(16) + ": nested more than 16 levels deep");
    }

    @Test
    void theDeepestASpecNeedsIsFine() {
        Specs.valid(LINK + "[[link.route]]\nto = \"192.0.2.0/24\"\n");
        assertEquals(List.of("1:1 a: unknown key"), Specs.problems("a = " + "[".repeat(15) + "]".repeat(15) + "\n" + LINK));
    }
}
