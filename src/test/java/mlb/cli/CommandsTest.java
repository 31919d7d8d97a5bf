package mlb.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A run builds the command it names and no other; help and anything unknown get them all. */
class CommandsTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private static Set<String> built(String... args) {
        return Commands.line(new Main(NOWHERE, NOWHERE, Env.system()), args).getSubcommands().keySet();
    }

    @Test
    void theCommandIsTheFirstWordAfterState() {
        assertEquals(Optional.of("plan"), Commands.chosen("plan", "-f", "x.toml"));
        assertEquals(Optional.of("history"), Commands.chosen("--state", "/tmp/s", "history", "--json"));
        assertEquals(Optional.of("status"), Commands.chosen("--state=/tmp/s", "status"));
        assertEquals(Optional.of("lab"), Commands.chosen("lab", "cut", "isp1"));
        // --state's value is no command, whatever it is called
        assertEquals(Optional.of("show"), Commands.chosen("--state", "plan", "show", "abc"));
        for (List<String> none : List.of(List.<String>of(), List.of("help", "plan"), List.of("plna"), List.of("-h", "plan"),
                List.of("--version"), List.of("--state"), List.of("--", "plan"))) {
            assertEquals(Optional.empty(), Commands.chosen(none.toArray(String[]::new)), none::toString);
        }
    }

    @Test
    void onlyTheNamedCommandIsBuilt() {
        assertEquals(Set.of("plan"), built("plan", "-f", "x.toml"));
        assertEquals(Set.of("lab"), built("lab", "up"));
        assertEquals(Set.copyOf(Commands.NAMES), built("help", "plan"));
        assertEquals(Set.copyOf(Commands.NAMES), built("plna"));
        assertEquals(Set.copyOf(Commands.NAMES), built());
    }

    @Test
    void everyNameMakesTheCommandOfThatName() {
        CommandLine all = Commands.all(new Main(NOWHERE, NOWHERE, Env.system()));
        assertEquals(Commands.NAMES, List.copyOf(all.getSubcommands().keySet()));
        all.getSubcommands().forEach((name, c) -> assertEquals(name, c.getCommandSpec().name()));
        assertEquals(Set.of("up", "down", "status", "spec", "cut", "heal", "lossy", "demo", "bench", "serve", "client"),
                all.getSubcommands().get("lab").getSubcommands().keySet());
    }
}
