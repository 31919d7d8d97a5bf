package mlb.it;

import com.fasterxml.jackson.databind.JsonNode;
import mlb.cli.CliRunner;
import mlb.cli.CliRunner.Run;
import mlb.cli.Env;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mlb's CLI, in-process, against a real kernel in a fresh network namespace per test; the kernel is checked
 * with raw `ip -j` output parsed here, never with mlb's own reader. Needs root; skipped with the reason otherwise.
 */
class ReconcileIT extends NetnsTest {
    // ---- the spec and the CLI ----------------------------------------------------------------------------

    private Path spec(int weight1, String extraBalancer) throws IOException {
        Path f = tmp.resolve("mlb.toml");
        Files.writeString(f, """
                [balancer]
                mode = "route"
                hash = "l4"
                %s
                [[link]]
                name = "isp1"
                dev = "wan1"
                gateway = "198.18.1.1"
                weight = %d
                [[link.route]]
                to = "198.51.100.0/24"

                [[link]]
                name = "isp2"
                dev = "wan2"
                gateway = "198.18.2.1"
                weight = 1
                """.formatted(extraBalancer, weight1));
        return f;
    }

    private Run mlb(String... args) {
        return new CliRunner(Env.system(), tmp.resolve("state")).run(args);
    }

    private Run apply(Path spec) {
        return mlb("apply", "-f", spec.toString(), "--netns", ns.name, "--yes");
    }

    // ---- raw views of the kernel -------------------------------------------------------------------------

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static boolean ours(JsonNode n) {
        return n.path("protocol").asText().equals("250");
    }

    /** mlb's rules as "priority selector -> table [suppress]" from raw output. */
    private Set<String> ownedRules() {
        return list(ns.json("-4", "rule", "show")).stream().filter(ReconcileIT::ours).map(n -> n.path("priority").asInt()
                        + " " + (n.has("srclen") ? n.get("src").asText() + "/" + n.get("srclen").asText() : n.path("src").asText())
                        + (n.has("oif") ? " oif " + n.get("oif").asText() : "") + " -> " + n.path("table").asText()
                        + (n.has("suppress_prefixlen") ? " suppress " + n.get("suppress_prefixlen").asInt() : ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A table's routes as "dst via|nhid|type" with their protocol. */
    private Set<String> routes(String table) {
        return list(ns.json("-4", "route", "show", "table", table)).stream().map(n -> n.path("dst").asText()
                        + (n.has("nhid") ? " nhid " + n.get("nhid").asInt() : n.has("gateway") ? " via " + n.get("gateway").asText()
                        + " dev " + n.path("dev").asText() : " type " + n.path("type").asText())
                        + (n.has("metric") ? " metric " + n.get("metric").asLong() : "") + " proto " + n.path("protocol").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> nexthops() {
        return list(ns.json("nexthop", "show")).stream().map(n -> n.path("id").asInt() + (n.has("group")
                        ? " group " + list(n.get("group")).stream().map(m -> m.path("id").asInt() + "," + m.path("weight").asInt(1))
                        .collect(Collectors.joining("/")) + (n.has("type") ? " " + n.get("type").asText() + " "
                        + n.at("/resilient_args/buckets").asInt() : "")
                        : " via " + n.path("gateway").asText() + " dev " + n.path("dev").asText()) + " proto " + n.path("protocol").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static final List<String> TABLES = List.of("main", "200", "201", "202", "300");

    /** Every foreign entry of every dump mlb could touch, as the raw JSON of each entry, in kernel order. */
    private Map<String, List<String>> foreignRaw() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("rules", list(ns.json("-4", "rule", "show")).stream().filter(n -> !ours(n)).map(JsonNode::toString).toList());
        for (String t : TABLES) {
            out.put("table " + t, list(ns.json("-4", "route", "show", "table", t)).stream().filter(n -> !ours(n)).map(JsonNode::toString).toList());
        }
        out.put("nexthops", list(ns.json("nexthop", "show")).stream().filter(n -> !ours(n)).map(JsonNode::toString).toList());
        return out;
    }

    /** The raw dumps themselves (exit code, stdout, stderr) and the sysctl: for "exactly as before". */
    private List<String> everythingRaw() {
        List<String> out = new ArrayList<>();
        out.add(ns.ipRaw("-N", "-j", "-d", "-4", "rule", "show").toString());
        for (String t : TABLES) out.add(ns.ipRaw("-N", "-j", "-d", "-4", "route", "show", "table", t).toString());
        out.add(ns.ipRaw("-N", "-j", "-d", "nexthop", "show").toString());
        out.add(ns.sysctl("net.ipv4.fib_multipath_hash_policy"));
        return out;
    }

    private void assertNothingOfMlbsLeft() {
        assertTrue(ownedRules().isEmpty(), () -> "rules left: " + ownedRules());
        for (String t : TABLES) {
            assertTrue(list(ns.json("-4", "route", "show", "table", t)).stream().noneMatch(ReconcileIT::ours), "routes left in " + t);
        }
        assertTrue(list(ns.json("nexthop", "show")).stream().noneMatch(ReconcileIT::ours), () -> "nexthops left: " + nexthops());
    }

    private void addForeignObjects() {
        ns.ip("rule", "add", "priority", "500", "from", "10.77.1.0/24", "lookup", "300", "proto", "4");
        // Identical to a rule mlb makes, but for the protocol: someone's seed script, say.
        ns.ip("rule", "add", "priority", "10010", "from", "198.18.1.2", "lookup", "201", "proto", "4");
        ns.ip("route", "add", "default", "via", "198.18.1.1", "dev", "wan1", "proto", "3");
        ns.ip("route", "add", "10.77.9.0/24", "table", "300", "via", "198.18.2.1", "dev", "wan2", "proto", "4");
        ns.ip("route", "add", "10.77.10.0/24", "table", "200", "via", "198.18.2.1", "dev", "wan2", "proto", "4");
        ns.ip("route", "add", "default", "table", "201", "metric", "100", "via", "198.18.2.1", "dev", "wan2", "proto", "4");
        ns.ip("nexthop", "add", "id", "7", "via", "198.18.1.1", "dev", "wan1", "proto", "4");
        ns.ip("nexthop", "add", "id", "8", "group", "7", "proto", "4");
        ns.ip("route", "add", "10.77.11.0/24", "table", "202", "nhid", "8", "proto", "4");
    }

    // ---- tests -------------------------------------------------------------------------------------------

    @Test
    void applyMakesTheTwoLinkBalancerAndASecondPlanIsEmpty() throws IOException {
        Path spec = spec(5, "");
        Run first = apply(spec);
        assertEquals(0, first.code(), first::toString);
        assertTrue(first.out().contains("Apply complete"), first::toString);
        assertEquals(new TreeSet<>(List.of(
                "10000 all -> 254 suppress 0",
                "10010 198.18.1.2 -> 201", "10010 198.18.2.2 -> 202",
                "10020 all oif wan1 -> 201", "10020 all oif wan2 -> 202",
                "10090 all -> 200")), ownedRules());
        assertEquals(Set.of("default nhid 200 proto 250", "198.51.100.0/24 via 198.18.1.1 dev wan1 proto 250"), routes("200"));
        assertEquals(Set.of("default via 198.18.1.1 dev wan1 proto 250"), routes("201"));
        assertEquals(Set.of("default via 198.18.2.1 dev wan2 proto 250"), routes("202"));
        assertEquals(Set.of("201 via 198.18.1.1 dev wan1 proto 250", "202 via 198.18.2.1 dev wan2 proto 250",
                "200 group 201,5/202,1 resilient 512 proto 250"), nexthops());
        assertEquals("1", ns.sysctl("net.ipv4.fib_multipath_hash_policy"), "l4 hashing");

        Run again = mlb("plan", "-f", spec.toString(), "--netns", ns.name, "--detailed-exitcode");
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("No changes."), again::toString);
    }

    @Test
    void aWeightChangeIsExactlyOneInPlaceChange() throws IOException {
        assertEquals(0, apply(spec(5, "")).code());
        Path changed = spec(3, "");
        Run plan = mlb("plan", "-f", changed.toString(), "--netns", ns.name, "--detailed-exitcode");
        assertEquals(2, plan.code(), plan::toString);
        List<String> changeLines = plan.out().lines().filter(l -> l.matches("^  (\\+|~|-/\\+|-) .*")).toList();
        assertEquals(List.of("  ~   id 200 group 201,3/202,1 type resilient buckets 512"), changeLines, plan::toString);
        assertTrue(plan.out().contains("Plan: 0 to add, 1 to change, 0 to destroy."), plan::toString);

        Run applied = apply(changed);
        assertEquals(0, applied.code(), applied::toString);
        assertTrue(nexthops().contains("200 group 201,3/202,1 resilient 512 proto 250"), () -> nexthops().toString());
        assertEquals(Set.of("default nhid 200 proto 250", "198.51.100.0/24 via 198.18.1.1 dev wan1 proto 250"), routes("200"),
                "the route through the group stays");
    }

    @Test
    void foreignObjectsStayByteForByteThroughApplyAndDestroy() throws IOException {
        addForeignObjects();
        Map<String, List<String>> before = foreignRaw();
        Run applied = apply(spec(5, "last_resort = \"unreachable\""));
        assertEquals(0, applied.code(), applied::toString);
        assertTrue(applied.out().contains("left alone (not mlb's): 2 rules, 3 routes in owned tables, 2 nexthops"), applied::toString);
        assertEquals(before, foreignRaw(), "after apply");
        assertTrue(routes("200").contains("default type 7 metric 4294967295 proto 250"), () -> routes("200").toString());

        Run destroyed = mlb("destroy", "--netns", ns.name, "--yes");
        assertEquals(0, destroyed.code(), destroyed::toString);
        assertEquals(before, foreignRaw(), "after destroy");
        assertNothingOfMlbsLeft();
        Run nothing = mlb("destroy", "--netns", ns.name, "--yes");
        assertEquals(0, nothing.code(), nothing::toString);
        assertTrue(nothing.out().contains("Nothing to destroy: mlb owns nothing on netns " + ns.name + "."), nothing::toString);
    }

    @Test
    void aFailureMidApplyLeavesTheKernelExactlyAsBefore() throws IOException {
        addForeignObjects();
        Path saved = tmp.resolve("plan.json");
        Run plan = mlb("plan", "-f", spec(5, "").toString(), "--netns", ns.name, "-o", saved.toString());
        assertEquals(0, plan.code(), plan::toString);
        // The plan creates nexthops on wan1, then on wan2: without a route to wan2's gateway (the address and
        // the device stay, so the plan still fits) the kernel refuses half-way.
        ns.ip("route", "del", "198.18.2.0/24", "dev", "wan2");
        List<String> before = everythingRaw();
        Run applied = mlb("apply", saved.toString(), "--netns", ns.name, "--yes");
        assertEquals(1, applied.code(), applied::toString);
        assertTrue(applied.err().startsWith("mlb: error: apply failed and was reverted: "), applied::toString);
        assertTrue(applied.err().contains("wan2"), "names what failed: " + applied.err());
        assertTrue(applied.err().contains("ip nexthop add id 201 via 198.18.1.1 dev wan1 proto 250"),
                "lists what was sent: " + applied.err());
        assertEquals(before, everythingRaw());
    }

    @Test
    void destroyLeavesNothingWithMlbsProtocol() throws IOException {
        assertEquals(0, apply(spec(5, "last_resort = \"unreachable\"")).code());
        assertFalse(ownedRules().isEmpty());
        Run destroyed = mlb("destroy", "--netns", ns.name, "--yes");
        assertEquals(0, destroyed.code(), destroyed::toString);
        assertNothingOfMlbsLeft();
        assertEquals("1", ns.sysctl("net.ipv4.fib_multipath_hash_policy"), "kernel settings are left as they are");
    }

    @Test
    void destroyFindsMlbRoutesInTablesNoRulePointsTo() {
        ns.ip("route", "add", "198.18.77.0/24", "via", "198.18.1.1", "dev", "wan1", "table", "777", "proto", "250");
        ns.ip("route", "add", "198.18.78.0/24", "via", "198.18.1.1", "dev", "wan1", "table", "777", "proto", "4");
        Run destroyed = mlb("destroy", "--netns", ns.name, "--yes");
        assertEquals(0, destroyed.code(), destroyed::toString);
        assertTrue(destroyed.out().contains("-   198.18.77.0/24 table 777 via 198.18.1.1 dev wan1"), destroyed::toString);
        assertEquals(Set.of("198.18.78.0/24 via 198.18.1.1 dev wan1 proto 4"), routes("777"), "the foreign route stays");
    }

    @Test
    void withoutCapabilitiesTheExitCodeSaysNotPermitted() throws Exception {
        Path spec = spec(5, "");
        Netns.Result capsh = Netns.run("capsh", "--help");
        Assumptions.assumeTrue(capsh.code() == 0, "needs capsh to drop capabilities");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = String.join(" ", "exec", java, "-cp", System.getProperty("java.class.path"), "mlb.cli.Main",
                "--state", tmp.resolve("state").toString(), "plan", "-f", spec.toString(), "--netns", ns.name);
        Netns.Result r = Netns.run("capsh", "--drop=cap_sys_admin,cap_net_admin", "--", "-c", cmd);
        assertEquals(77, r.code(), () -> r.out() + r.err());
        assertTrue(r.err().startsWith("mlb: error: "), r.err());
        assertTrue(r.err().contains("Operation not permitted"), r.err());
        assertTrue(ownedRules().isEmpty());
    }
}
