package mlb.spec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Scripts match a problem's code: every code is in the table of docs/commands.md, and the table has no other. */
class CodesDocumentedTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| ");

    @Test
    void everyCodeIsDocumentedOnce() throws IOException {
        String doc = Files.readString(Path.of("docs/commands.md"));
        java.util.List<String> rows = ROW.matcher(doc).results().map(m -> m.group(1)).collect(Collectors.toList());
        Set<String> codes = Arrays.stream(Code.values()).map(Code::id).collect(Collectors.toSet());
        assertEquals(codes, Set.copyOf(rows));
        assertEquals(codes.size(), rows.size(), "each code once: " + rows);
    }
}
