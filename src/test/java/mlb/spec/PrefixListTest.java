package mlb.spec;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static mlb.spec.Specs.LINK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pin's dst_file and src_file: the list format, its diagnostics by file and line, and the spec that names it. */
class PrefixListTest {
    private static final String PIN = "[[pin]]\nname = \"banks\"\ndst_file = \"lists/banks.txt\"\nlinks = [\"isp1\"]\n";

    private static ListFiles files(Map<String, String> texts) {
        return new ListFiles() {
            public Either<InputProblem, String> text(String name) {
                return texts.get(name).toEither(() -> new InputProblem(InputProblem.Kind.MISSING, "No such file or directory", ""));
            }

            public String shown(String name) {
                return name;
            }
        };
    }

    private static Validation<List<Diagnostic>, Spec> parsed(String list) {
        return SpecParser.parse(LINK + PIN, "spec.toml", files(HashMap.of("lists/banks.txt", list)));
    }

    @Test
    void aListTakesPrefixesAndAddressesWithCommentsAndBlankLines() {
        Spec spec = parsed("# banks\n198.51.100.0/24\n\n  203.0.113.7   # one host\n198.51.100.128/25\n203.0.113.7\n").get();
        assertEquals(List.of("198.51.100.0/24", "203.0.113.7/32"), spec.pins().head().dst(),
                "a prefix another covers, and a repeat, count once");
    }

    @Test
    void badLinesAreNamedByFileAndLineTheFirstTenAndACount() {
        String list = "198.51.100.0/24\n198.51.100.1/24\nfe80::/10\n" + "nonsense\n".repeat(10);
        List<Diagnostic> all = parsed(list).getError();
        assertEquals(11, all.size(), all.mkString("\n"));
        assertEquals("lists/banks.txt:2:1: pin[0].dst_file: not an IPv4 prefix: \"198.51.100.1/24\" (host bits are set: write 198.51.100.0/24)",
                all.get(0).toString());
        assertTrue(all.get(1).toString().startsWith("lists/banks.txt:3:1: pin[0].dst_file: not an IPv4 prefix: \"fe80::/10\""), all.get(1).toString());
        assertEquals("lists/banks.txt:4:1: pin[0].dst_file: not an IPv4 prefix: \"nonsense\" (one prefix a line, e.g."
                + " 198.51.100.0/24, or an address; # starts a comment)", all.get(2).toString());
        assertEquals("lists/banks.txt: pin[0].dst_file: 2 more lines that are not IPv4 prefixes", all.last().toString());
        assertEquals(List.of(Code.BAD_LIST_LINE), all.map(Diagnostic::code).distinct());
    }

    @Test
    void aMissingListIsAProblemOfTheSpecAtItsKey() {
        List<Diagnostic> all = SpecParser.parse(LINK + PIN, "spec.toml", files(HashMap.empty())).getError();
        assertEquals(List.of("spec.toml:7:12: pin[0].dst_file: cannot read lists/banks.txt: No such file or directory"
                + " (give the list's path relative to the spec's folder)"), all.map(Diagnostic::toString));
    }

    @Test
    void theRealListsAreReadNextToTheSpec(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lists"));
        Files.writeString(dir.resolve("lists/banks.txt"), "198.51.100.0/24\n");
        Path spec = Files.writeString(dir.resolve("mlb.toml"), LINK + PIN);
        var parsed = SpecParser.parse(spec);
        assertTrue(parsed.isValid(), () -> parsed.getError().mkString("\n"));
        assertEquals(List.of("198.51.100.0/24"), parsed.get().pins().head().dst());
    }
}
