package mlb.it;

import mlb.cli.CliRunner;
import mlb.cli.CliRunner.Run;
import mlb.cli.Env;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a careless or hostile kernel state does to mlb, in a real namespace: objects with names only the kernel
 * checks, mlb's own objects in a shape the kernel made of them, gateways only the host can judge, a device down,
 * an edited saved plan, and a process without CAP_NET_ADMIN. Each is refused before anything is written, or
 * handled, and the kernel is left as it was (or as the spec says).
 */
class HostileKernelIT extends NetnsTest {
    private Path spec(String gateway1, String extra) throws IOException {
        return Files.writeString(tmp.resolve("mlb.toml"), """
                [[link]]
                name = "isp1"
                dev = "wan1"
                gateway = "%s"
                %s
                [[link]]
                name = "isp2"
                dev = "wan2"
                gateway = "198.18.2.1"
                """.formatted(gateway1, extra));
    }

    private Run mlb(String... args) {
        return new CliRunner(Env.system(), tmp.resolve("state")).run(args);
    }

    private Run plan(Path spec) {
        return mlb("plan", "-f", spec.toString(), "--netns", ns.name);
    }

    private Run apply(Path spec) {
        return mlb("apply", "-f", spec.toString(), "--netns", ns.name, "--yes");
    }

    private Run destroy() {
        return mlb("destroy", "--netns", ns.name, "--yes");
    }

    /** Every rule, route and nexthop of a protocol that is not mlb's, as the kernel prints them. */
    private String foreign() {
        return notOurs("-4", "rule", "show") + notOurs("-4", "route", "show", "table", "all") + notOurs("nexthop", "show");
    }

    private String notOurs(String... show) {
        StringBuilder out = new StringBuilder();
        ns.json(show).forEach(n -> {
            if (!n.path("protocol").asText().equals("250")) out.append(n).append('\n');
        });
        return out.toString();
    }

    private boolean nothingOfMlbs() {
        return !(ns.ip("-N", "-4", "rule", "show") + ns.ip("-N", "-4", "route", "show", "table", "all")
                + ns.ip("-N", "nexthop", "show")).contains("proto 250");
    }

    @Test
    void namesOnlyTheKernelChecksAreReadNotRefused() throws IOException {
        ns.ip("rule", "add", "priority", "5000", "oif", "x;y$(id)", "lookup", "100");
        ns.ip("link", "add", "name", "d;x$", "type", "veth", "peer", "name", "dxp");
        ns.ip("link", "set", "d;x$", "up");
        ns.ip("link", "set", "dxp", "up");
        ns.ip("nexthop", "add", "id", "77", "dev", "d;x$");
        String before = ns.dump();
        Path spec = spec("198.18.1.1", "");
        assertEquals(0, plan(spec).code(), () -> plan(spec).toString());
        Run applied = apply(spec);
        assertEquals(0, applied.code(), applied::toString);
        assertTrue(applied.out().contains("left alone (not mlb's): 1 rule, 0 routes in owned tables, 1 nexthop"), applied::toString);
        assertEquals(0, destroy().code());
        assertEquals(before, ns.dump(), "the foreign objects are as they were, and nothing of mlb's is left");
    }

    /** What `gateway = "0.0.0.0"` left behind before it was refused: mlb's objects in the kernel's shape. */
    @Test
    void ownObjectsInTheShapeTheKernelMadeOfThemAreReplacedAndDestroyed() throws IOException {
        ns.ip("nexthop", "add", "id", "201", "via", "0.0.0.0", "dev", "wan1", "proto", "250");
        ns.ip("route", "add", "default", "via", "0.0.0.0", "dev", "wan1", "table", "201", "proto", "250");
        String foreign = foreign();
        Path spec = spec("198.18.1.1", "");
        Run planned = plan(spec);
        assertTrue(planned.out().contains("~   id 201 via 198.18.1.1 dev wan1\n        (was: id 201 dev wan1)"), planned::toString);
        Run applied = apply(spec);
        assertEquals(0, applied.code(), applied::toString);
        assertTrue(ns.ip("nexthop", "show", "id", "201").contains("via 198.18.1.1 dev wan1"));
        assertEquals(0, destroy().code());
        assertTrue(ns.ip("nexthop", "show").isBlank(), () -> ns.ip("nexthop", "show"));
        assertTrue(ns.ipRaw("route", "show", "table", "201").out().isBlank());
        assertEquals(foreign, foreign());
        ns.ip("nexthop", "add", "id", "201", "via", "0.0.0.0", "dev", "wan1", "proto", "250");
        Run gone = destroy();
        assertEquals(0, gone.code(), gone::toString);
        assertTrue(ns.ip("nexthop", "show").isBlank(), "destroy finds it too");
    }

    @Test
    void gatewaysOnlyTheHostCanJudgeAreRefusedAtPlanTime() throws IOException {
        String before = ns.dump();
        String[][] cases = {
                {"0.0.0.0", "is the unspecified address"},
                {"198.18.1.2", "is wan1's own address"},
                {"198.18.1.255", "is the broadcast address of 198.18.1.0/24 on wan1"},
                {"198.18.1.0", "is the network address of 198.18.1.0/24 on wan1"},
                {"198.18.9.1", "is not on a network of wan1 (its networks: 198.18.1.0/24)"}};
        for (String[] c : cases) {
            Path spec = spec(c[0], "");
            Run r = apply(spec);
            assertEquals(65, r.code(), () -> c[0] + ": " + r);
            assertTrue(r.err().contains(c[1]), () -> c[0] + ": " + r.err());
        }
        assertEquals(0, apply(spec("198.18.9.1", "onlink = true")).code(), "onlink: the ISP's router answers on the line");
        assertEquals(0, destroy().code());
        assertEquals(before, ns.dump());
    }

    @Test
    void aLinkWhoseDeviceIsDownOrSharesASourceIsRefused() throws IOException {
        ns.ip("link", "set", "wan2", "down");
        Run down = apply(spec("198.18.1.1", ""));
        assertEquals(65, down.code(), down::toString);
        assertTrue(down.err().contains("link isp2: device wan2 is down (bring it up: ip link set wan2 up)"), down::toString);
        ns.ip("link", "set", "wan2", "up");
        Run shared = apply(spec("198.18.1.1", "source = \"198.18.2.2\""));
        assertEquals(65, shared.code(), shared::toString);
        assertTrue(shared.err().contains("links isp1 and isp2 have one source address, 198.18.2.2"), shared::toString);
        assertTrue(nothingOfMlbs(), ns::dump);
    }

    @Test
    void anEditedSavedPlanIsRefusedAndTheKernelStaysAsItWas() throws IOException {
        Path spec = spec("198.18.1.1", "");
        Path saved = tmp.resolve("plan.json");
        assertEquals(0, mlb("plan", "-f", spec.toString(), "--netns", ns.name, "-o", saved.toString()).code());
        String text = Files.readString(saved);
        Files.writeString(saved, text.replaceAll("net\\.ipv4\\.fib_multipath_hash_policy", "net.ipv4.ip_forward"));
        String before = ns.dump() + ns.sysctl("net.ipv4.ip_forward") + ns.sysctl("net.ipv4.fib_multipath_hash_policy");
        Run r = mlb("apply", saved.toString(), "--netns", ns.name, "--yes");
        assertEquals(65, r.code(), r::toString);
        assertTrue(r.err().contains("is not what its spec makes now: it was edited"), r::toString);
        assertEquals(before, ns.dump() + ns.sysctl("net.ipv4.ip_forward") + ns.sysctl("net.ipv4.fib_multipath_hash_policy"));
        Files.writeString(saved, text);
        assertEquals(0, mlb("apply", saved.toString(), "--netns", ns.name, "--yes").code(), "as mlb wrote it, it applies");
    }

    @Test
    void withoutNetAdminAnApplyIsRefusedBeforeAnyWrite() throws IOException {
        Netns.Result capsh = Netns.run("capsh", "--help");
        Assumptions.assumeTrue(capsh.code() == 0, "needs capsh to drop a capability");
        Path spec = spec("198.18.1.1", "");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = String.join(" ", "exec", java, "-cp", System.getProperty("java.class.path"), "mlb.cli.Main",
                "apply", "-f", spec.toString(), "--netns", ns.name, "--yes", "--state", tmp.resolve("state").toString());
        String before = ns.dump() + ns.sysctl("net.ipv4.fib_multipath_hash_policy");
        Netns.Result r = Netns.run("capsh", "--drop=cap_net_admin", "--", "-c", cmd);
        assertEquals(77, r.code(), () -> r.out() + r.err());
        assertTrue(r.err().startsWith("mlb: error: this process may not change the routing of netns " + ns.name
                + ": it lacks the capability CAP_NET_ADMIN\n  nothing was changed\n"), r.err());
        assertEquals(before, ns.dump() + ns.sysctl("net.ipv4.fib_multipath_hash_policy"), "not even the sysctl");
        assertFalse(r.out().contains("Apply"), r.out());
    }
}
