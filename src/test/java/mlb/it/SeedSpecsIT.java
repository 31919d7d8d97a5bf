package mlb.it;

import mlb.cli.CliRunner;
import mlb.cli.Env;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example specs of the mark-based recipes, applied to a namespace with their devices: apply, a second plan
 * that is empty, the recipe's marks and priorities in the kernel, destroy. Their addresses are moved into the
 * test ranges first (each gateway to 198.18.N.1, each lan prefix into 10.77.0.0/16), so nothing here uses the
 * recipes' own networks; devices, marks, masks, tables and priorities stay as the spec says.
 */
class SeedSpecsIT extends NetnsTest {
    private static final Pattern GATEWAY = Pattern.compile("gateway = \"([0-9.]+)\"");
    private static final Pattern DEV = Pattern.compile("dev = \"([^\"]+)\"");

    @ParameterizedTest
    @ValueSource(strings = {"host-two-uplinks", "three-link-connmark", "three-link-route", "openwrt-five-wan"})
    void theRecipesSpecAppliesAndComesBackClean(String name) throws IOException {
        String text = inTestRanges(Files.readString(Path.of("specs", name + ".toml")));
        devices(text);
        Path spec = Files.writeString(tmp.resolve(name + ".toml"), text);
        lists(text);
        CliRunner mlb = new CliRunner(Env.system(), tmp.resolve("state"));
        mlb.expect(0, "apply", "-f", spec.toString(), "--netns", ns.name, "--yes");
        mlb.expect(0, "plan", "-f", spec.toString(), "--netns", ns.name, "--detailed-exitcode");
        String rules = ns.ip("rule", "show");
        String tables = ns.exec("nft", "list", "tables");
        assertEquals(text.contains("mode = \"connmark\"") || text.contains("dst_file"), tables.contains("table inet mlb"), tables);
        if (name.equals("three-link-route")) {
            assertTrue(rules.contains("fwmark 0x10000/0xff0000 lookup"), "the list pin: " + rules);
            assertTrue(ns.exec("nft", "list", "set", "inet", "mlb", "pin1_dst_24").contains("10.77.201.0"), "its list");
            assertTrue(rules.contains("ipproto tcp dport 6667 lookup"), "the port pin: " + rules);
            assertTrue(rules.contains("ipproto udp dport 53 lookup"), "the dns pin: " + rules);
        }
        if (name.equals("host-two-uplinks")) {
            assertTrue(rules.contains("31030:\tfrom all fwmark 0xa/0xff lookup 110"), rules);
            assertTrue(rules.contains("31030:\tfrom all fwmark 0xb/0xff lookup 111"), rules);
        }
        if (name.equals("openwrt-five-wan")) {
            for (int m = 1; m <= 5; m++) assertTrue(rules.contains("fwmark 0x" + m + "/0xf lookup"), rules);
            assertEquals("2", ns.exec("cat", "/proc/sys/net/ipv4/conf/eth0.2/rp_filter").strip(), "a device with a dot");
        }
        mlb.expect(0, "destroy", "--netns", ns.name, "--yes");
        assertTrue(!ns.exec("nft", "list", "tables").contains("inet mlb"));
        assertTrue(ns.ip("rule", "show").lines().allMatch(l -> l.matches("(0|32766|32767):\\s.*")), ns.ip("rule", "show"));
    }

    /** Each distinct gateway becomes 198.18.N.1, each lan prefix 10.77.N.0/24; public check targets stay unused. */
    private static String inTestRanges(String text) {
        Map<String, String> gateways = new LinkedHashMap<>();
        Matcher g = GATEWAY.matcher(text);
        while (g.find()) gateways.putIfAbsent(g.group(1), "198.18." + (gateways.size() + 10) + ".1");
        for (var e : gateways.entrySet()) text = text.replace("\"" + e.getKey() + "\"", "\"" + e.getValue() + "\"");
        return text.replaceAll("lan = \\[[^]]*]", "lan = [\"10.77.9.0/24\"]");
    }

    /** The spec's list files beside its copy, each prefix moved to 10.77.(200+N).0/24. */
    private void lists(String text) throws IOException {
        Matcher f = Pattern.compile("_file = \"([^\"]+)\"").matcher(text);
        while (f.find()) {
            int[] n = {0};
            String moved = Files.readAllLines(Path.of("specs", f.group(1))).stream()
                    .map(l -> l.isBlank() || l.startsWith("#") ? l : "10.77." + (201 + n[0]++) + ".0/24").reduce("", (a, b) -> a + b + "\n");
            Files.createDirectories(tmp.resolve(f.group(1)).getParent());
            Files.writeString(tmp.resolve(f.group(1)), moved);
        }
    }

    /** A veth per dev (its peer stays in the namespace), on its gateway's /24 with its own address. */
    private void devices(String text) {
        Matcher d = DEV.matcher(text), g = GATEWAY.matcher(text);
        int n = 0;
        while (d.find() && g.find()) {
            n++;
            String dev = d.group(1), gateway = g.group(1);
            if (dev.startsWith("wan")) ns.ip("link", "del", dev);
            ns.ip("link", "add", "name", dev, "type", "veth", "peer", "name", "seedp" + n);
            ns.ip("link", "set", dev, "up");
            ns.ip("link", "set", "seedp" + n, "up");
            ns.ip("addr", "add", gateway.replaceAll("\\.1$", "." + (10 + n)) + "/24", "dev", dev);
        }
    }
}
