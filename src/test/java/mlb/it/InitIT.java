package mlb.it;

import mlb.cli.CliRunner;
import mlb.cli.Env;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `mlb init` on a namespace with two uplinks (wan1's default route in main, wan2's in a table of its own): it
 * changes nothing, the spec it writes validates, applies, plans empty afterwards, and is destroyed again; with
 * one uplink left it says so and its template still validates.
 */
class InitIT extends NetnsTest {
    @Test
    void theSpecOfTwoUplinksValidatesAndApplies() throws IOException {
        ns.ip("route", "add", "default", "via", "198.18.1.1", "dev", "wan1", "metric", "100");
        ns.ip("route", "add", "default", "via", "198.18.2.1", "dev", "wan2", "table", "102");
        CliRunner mlb = new CliRunner(Env.system(), tmp.resolve("state"));
        Path spec = tmp.resolve("mlb.toml");
        String before = ns.dump();
        CliRunner cli = new CliRunner(Env.system());
        CliRunner.Run init = cli.expect(0, "init", "--netns", ns.name, "-o", spec.toString());
        assertEquals(before, ns.dump(), "mlb init changed the kernel");
        assertEquals("", init.err());
        String text = Files.readString(spec);
        assertTrue(text.contains("gateway = \"198.18.1.1\"      # gateway from the default route via wan1 (table main, metric 100)"), text);
        assertTrue(text.contains("gateway = \"198.18.2.1\"      # gateway from the default route via wan2 (table 102)"), text);
        assertTrue(text.contains("dev = \"wan1\"                # 198.18.1.2/24; up, carrier on"), text);

        cli.expect(0, "validate", "-f", spec.toString());
        mlb.expect(0, "apply", "-f", spec.toString(), "--netns", ns.name, "--yes");
        String nexthops = ns.ip("nexthop", "show");
        assertTrue(nexthops.contains("via 198.18.1.1 dev wan1") && nexthops.contains("via 198.18.2.1 dev wan2"), nexthops);
        mlb.expect(0, "plan", "-f", spec.toString(), "--netns", ns.name, "--detailed-exitcode");
        mlb.expect(0, "destroy", "--netns", ns.name, "--yes");
        assertEquals("", ns.ip("nexthop", "show"));
    }

    @Test
    void oneUplinkIsSaidAndItsTemplateValidates() throws IOException {
        ns.ip("route", "add", "default", "via", "198.18.1.1", "dev", "wan1");
        CliRunner cli = new CliRunner(Env.system());
        CliRunner.Run init = cli.expect(0, "init", "--netns", ns.name);
        assertEquals("mlb: warning: found one uplink (wan1) on netns " + ns.name + ": balancing needs two; "
                + "the spec has placeholders to fill in\n", init.err());
        Path spec = Files.writeString(tmp.resolve("one.toml"), init.out());
        // wan2 is there but routes nowhere: the placeholder names an interface the namespace does not have
        assertTrue(init.out().contains("dev = \"wan3\"                # placeholder: the interface of ISP 2"), init.out());
        cli.expect(0, "validate", "-f", spec.toString());
    }
}
