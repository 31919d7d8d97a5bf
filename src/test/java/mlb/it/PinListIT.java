package mlb.it;

import mlb.cli.CliRunner;
import mlb.cli.Env;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pin's dst_file on a real kernel, in both modes: its 1 000 host addresses become one set (of /32s), and a changed
 * file (10 removed, 10 added) changes exactly those 20 elements and nothing else. Root and namespaces only.
 */
class PinListIT extends NetnsTest {
    private static final String CONNMARK = """
            [balancer]
            mode = "connmark"
            lan = ["10.77.0.0/24"]
            """;
    private static final String PIN = Netns.LINKS + """
            [[pin]]
            name = "listed"
            dst_file = "list.txt"
            links = ["isp2", "balance"]
            """;

    private Path list(int from, int to) throws IOException {
        String lines = IntStream.range(from, to).mapToObj(i -> "198.19." + i / 256 + "." + i % 256 + "  # host " + i)
                .collect(Collectors.joining("\n", "# the test's list\n", "\n"));
        return Files.writeString(tmp.resolve("list.txt"), lines);
    }

    @ParameterizedTest
    @ValueSource(strings = {"connmark", "route"})
    void aChangedListChangesOnlyItsAddedAndRemovedElements(String mode) throws IOException {
        CliRunner mlb = new CliRunner(Env.system(), tmp.resolve("state"));
        Path spec = Files.writeString(tmp.resolve("spec.toml"), (mode.equals("route") ? "" : CONNMARK) + PIN);
        list(0, 1000);
        mlb.expect(0, "apply", "-f", spec.toString(), "--netns", ns.name, "--yes");
        String set = ns.exec("nft", "list", "set", "inet", "mlb", "pin1_dst_32");
        assertTrue(set.contains("198.19.3.231") && set.contains("198.19.0.0"), set);
        list(10, 1010);
        String plan = mlb.expect(2, "plan", "-f", spec.toString(), "--netns", ns.name, "--detailed-exitcode").out();
        assertTrue(plan.contains("Plan: 10 to add, 0 to change, 10 to destroy."), plan);
        mlb.expect(0, "apply", "-f", spec.toString(), "--netns", ns.name, "--yes");
        String after = ns.exec("nft", "list", "set", "inet", "mlb", "pin1_dst_32");
        assertTrue(after.contains("198.19.3.241") && !after.contains("198.19.0.9,") && !after.contains("198.19.0.9 "), after);
        mlb.expect(0, "plan", "-f", spec.toString(), "--netns", ns.name, "--detailed-exitcode");
        assertEquals(0, mlb.run("destroy", "--netns", ns.name, "--yes").code());
    }
}
