package mlb.spec;

import mlb.spec.Node.Pos;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Positions come from our own scan of the text: jackson-dataformat-toml reports none for valid documents. */
class TomlTreeTest {
    private static final String TEXT = """
            # a comment with [brackets] and "quotes"
            [balancer]
              mode = "route"   # trailing comment
            [[link]]
            name = "a"
            notes = \"""
            gateway = "fake" [[link]]
            \"""
            check.interval = '2s'
            targets = [
              "192.0.2.1",  # first
              [ 1, 2 ], { x = 1 },
              "192.0.2.2",
            ]
            [[link.route]]
            to = "198.51.100.0/24"
            [[link]]
            "quoted key" = 1
            check = { targets = ["192.0.2.3"], down = 2 }
            [link.extra]
            deep = 3
            """;

    /** Every node by its path, which also checks that paths are spelled the way diagnostics show them. */
    private static Node at(String path) {
        return all(TomlTree.parse(TEXT).get()).find(n -> n.path().equals(path)).getOrElseThrow(() ->
                new AssertionError("no node at " + path));
    }

    private static io.vavr.collection.List<Node> all(Node n) {
        return io.vavr.collection.List.of(n)
                .appendAll(n.table().values().flatMap(TomlTreeTest::all))
                .appendAll(n.array().flatMap(TomlTreeTest::all));
    }

    private static void located(String path, int line, int column) {
        assertEquals(new Pos(line, column), at(path).at(), path);
    }

    @Test
    void valuesKnowWhereTheyWereWritten() {
        located("balancer", 2, 1);
        located("balancer.mode", 3, 10);
        located("link[0]", 4, 1);
        located("link[0].name", 5, 8);
        located("link[0].notes", 6, 9);
        located("link[0].check", 9, 1);
        located("link[0].check.interval", 9, 18);
        located("link[0].targets[0]", 11, 3);
        located("link[0].targets[1]", 12, 3);
        located("link[0].targets[1][1]", 12, 8);
        located("link[0].targets[2]", 12, 13);
        located("link[0].targets[3]", 13, 3);
        located("link[0].route[0]", 15, 1);
        located("link[0].route[0].to", 16, 6);
        located("link[1]", 17, 1);
        located("link[1].check", 19, 9);
        located("link[1].check.targets[0]", 19, 22);
        located("link[1].check.down", 19, 43);
        located("link[1].extra", 20, 1);
        located("link[1].extra.deep", 21, 8);
    }

    @Test
    void keysKnowWhereTheyWereWritten() {
        assertEquals(new Pos(3, 3), at("balancer.mode").key());
        assertEquals(new Pos(9, 7), at("link[0].check.interval").key());
        assertEquals(new Pos(18, 1), at("link[1].\"quoted key\"").key());
    }

    @Test
    void keepsTomlTypes() {
        assertEquals(BigInteger.ONE, at("link[0].targets[1][0]").value());
        assertEquals("gateway = \"fake\" [[link]]\n", at("link[0].notes").value());
        assertEquals(2, at("link").array().size());
    }

    @Test
    void syntaxErrorsCarryTheParsersPositionWithoutJava() {
        Diagnostic d = TomlTree.parse("a = 1\nb = = 2\n").getLeft();
        assertEquals("2:5 invalid TOML: unknown token", d.line() + ":" + d.column() + " " + d.message());
        Diagnostic tokens = TomlTree.parse("= 3").getLeft();
        assertEquals("invalid TOML: unexpected token: got '=', expected key or table", tokens.message());
        Diagnostic unknown = TomlTree.parse("# a comment\nx = 1\n\u0085 = 2").getLeft();
        assertEquals("3:1 invalid TOML: unknown token", unknown.line() + ":" + unknown.column() + " " + unknown.message());
    }
}
