package mlb.it;

import mlb.cli.CliRunner;
import mlb.cli.Env;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Route mode's pins on a real kernel: the rules read back as written (a second plan is empty), a pin moved to
 * another link or to a drop replaces only its own rules, and destroy removes them all. Root and namespaces only.
 */
class RoutePinsIT extends NetnsTest {

    private static String pins(String webLinks) {
        return """
                [[pin]]
                name = "web"
                proto = "tcp"
                dport = [443, "8000-8099"]
                dst = ["198.19.0.0/16", "198.18.200.7/32"]
                src = ["10.77.0.0/24"]
                links = %s
                [[pin]]
                name = "dns"
                proto = "udp"
                dport = [53]
                links = ["isp1", "balance"]
                """.formatted(webLinks);
    }

    private Path spec(String text) throws IOException {
        return Files.writeString(tmp.resolve("spec.toml"), text);
    }

    private List<String> pinRules() {
        return ns.ip("rule", "show").lines().filter(l -> l.matches("100(4\\d|[5-8]\\d):.*")).map(String::strip).toList();
    }

    @Test
    void pinsApplyReadBackAndMoveByTheirOwnRulesOnly() throws IOException {
        CliRunner mlb = new CliRunner(Env.system(), tmp.resolve("state"));
        Path spec = spec("[balancer]\npriority_base = 10000\n" + Netns.LINKS + pins("[\"isp2\", \"isp1\"]"));
        mlb.expect(0, "apply", "-f", spec.toString(), "--netns", ns.name, "--yes");
        mlb.expect(0, "plan", "-f", spec.toString(), "--netns", ns.name, "--detailed-exitcode");
        List<String> rules = pinRules();
        assertEquals(5, rules.size(), String.join("\n", rules));
        assertTrue(rules.contains("10040:\tfrom 10.77.0.0/24 to 198.18.200.7 ipproto tcp dport 8000-8099 lookup 202 proto 250"), String.join("\n", rules));
        assertTrue(rules.contains("10041:\tfrom all ipproto udp dport 53 lookup 201 proto 250"), String.join("\n", rules));

        String what = "[balancer]\npriority_base = 10000\n" + Netns.LINKS + pins("[\"isp2\"]");
        String ifDown = mlb.expect(2, "plan", "-f", spec(what).toString(), "--netns", ns.name, "--assume", "isp2=down",
                "--detailed-exitcode").out();
        assertTrue(ifDown.contains("blackhole") && ifDown.contains("4 to destroy"), "web drops, and only web's rules change:\n" + ifDown);

        Path moved = spec("[balancer]\npriority_base = 10000\n" + Netns.LINKS + pins("[\"isp1\"]"));
        String plan = mlb.expect(2, "plan", "-f", moved.toString(), "--netns", ns.name, "--detailed-exitcode").out();
        assertTrue(plan.contains("Plan: 4 to add, 0 to change, 4 to destroy."), plan);
        mlb.expect(0, "apply", "-f", moved.toString(), "--netns", ns.name, "--yes");
        assertEquals(4, pinRules().stream().filter(l -> l.startsWith("10040:") && l.endsWith("lookup 201 proto 250")).count(),
                String.join("\n", pinRules()));
        mlb.expect(0, "plan", "-f", moved.toString(), "--netns", ns.name, "--detailed-exitcode");

        mlb.expect(0, "destroy", "--netns", ns.name, "--yes");
        assertEquals(List.of(), pinRules());
    }
}
