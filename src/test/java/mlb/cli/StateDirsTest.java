package mlb.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The default state directory for each way mlb is started: a clone's launcher, the package's, a bare jar. */
class StateDirsTest {
    private static Path of(Map<String, String> properties) {
        return StateDirs.byDefault(properties::get);
    }

    @Test
    void aCheckoutKeepsItsHistoryBesideIt() {
        assertEquals(Path.of("/src/mlb/state"), of(Map.of("mlb.home", "/src/mlb")));
    }

    @Test
    void theInstalledLauncherUsesVarLib() {
        assertEquals(Path.of("/var/lib/mlb"), of(Map.of("mlb.home", "/usr/share/mlb", "mlb.layout", "package")));
        assertEquals(Path.of("/var/lib/mlb"), of(Map.of("mlb.layout", "package")));
    }

    @Test
    void aJarRunByHandUsesVarLib() {
        assertEquals(Path.of("/var/lib/mlb"), of(Map.of()));
    }

    @Test
    void anotherLayoutWordIsNoPackage() {
        assertEquals(Path.of("/src/mlb/state"), of(Map.of("mlb.home", "/src/mlb", "mlb.layout", "checkout")));
    }
}
