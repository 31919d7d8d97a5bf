package mlb.lab;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and messages at the command edge; nothing here needs root or touches the kernel. */
class LabCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LabMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void unknownOptionIsUsage() {
        assertEquals(64, run("up", "--bogus"));
    }

    @Test
    void badValuesAreUsageBeforeAnythingIsBuilt() {
        assertEquals(64, run("up", "--rates", "fast"));
        assertEquals(64, run("up", "--mode", "nth"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--mode must be route or connmark, not 'nth'"), err::toString);
        assertEquals(64, run("demo", "--mode", "hash"));
        assertEquals(64, run("up", "--links", "2", "--rates", "10mbit,20mbit,30mbit"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--links 2 but 3 rates given"));
        assertEquals(64, run("up", "--links", "2", "--rates", "10mbit"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--links 2 but 1 rate given"));
    }

    @Test
    void aLossOutsideZeroTo99PercentIsUsage() {
        assertEquals(64, run("lossy", "--percent", "100", "isp2"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--percent must be 0..99: 100"), err::toString);
        assertEquals(64, run("lossy", "--percent", "-1", "isp2"));
    }

    @Test
    void badPrefixIsUsage() {
        assertEquals(64, run("down", "--prefix", "Bad/Name"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("mlb: error: invalid prefix"));
    }

    @Test
    void clientsRefuseAddressesOutsideTheLab() {
        assertEquals(64, run("client", "whoami", "--server", "8.8.8.8", "--count", "1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("refusing 8.8.8.8"));
    }

    @Test
    void clientLoopsAreBounded() {
        assertEquals(64, run("client", "whoami", "--count", "0"));
        assertEquals(64, run("client", "probe", "--duration", "2h"));
    }

    @Test
    void aStoppedTrafficClientIsSaidSoEvenWhenItSaidNothing() {
        assertEquals("the traffic client was stopped (exit 130, signal 2)", LanClient.failure(130, ""));
        assertEquals("the traffic client was stopped (exit 143, signal 15)", LanClient.failure(143, "\n"));
        assertEquals("the traffic client failed (exit 1) without saying why", LanClient.failure(1, ""));
        assertEquals("the traffic client failed (exit 64): mlb: error: refusing 8.8.8.8", LanClient.failure(64, "mlb: error: refusing 8.8.8.8\n"));
    }

    @Test
    void hintsNameTheLabTheyAreAbout() {
        PrefixOption p = new PrefixOption();
        p.prefix = Topology.DEFAULT_PREFIX;
        assertEquals("", p.arg());
        p.prefix = "newc";
        assertEquals(" --prefix newc", p.arg());
    }

    @Test
    void helpListsTheSubcommands() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String c : new String[]{"up", "down", "demo", "bench", "cut", "heal", "lossy", "serve", "client"}) {
            assertTrue(help.contains("  " + c + " "), c + " missing from\n" + help);
        }
    }
}
