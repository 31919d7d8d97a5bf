package mlb.spec;

import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import mlb.spec.Check.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static mlb.spec.Specs.LINK;
import static mlb.spec.Specs.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Valid specs and what they mean. */
class SpecParserTest {
    @Test
    void fillsEveryDefault() {
        Spec spec = valid(LINK);
        assertEquals(Balancer.defaults(), spec.balancer());
        assertEquals(new Balancer(Balancer.Mode.ROUTE, Balancer.Hash.L4, 10000, 250, 200, Balancer.LastResort.KEEP,
                Duration.ofSeconds(120), Duration.ZERO), spec.balancer());
        assertEquals(List.of(new Link("isp1", "eth1", "203.0.113.1", false, 1, Option.none(), Option.none(),
                List.empty(), Check.none())), spec.links());
        assertEquals(new Check(new Method.Icmp(), List.empty(), 1, Check.DEFAULT_INTERVAL, Check.DEFAULT_TIMEOUT,
                4, 4, Option.none()), Check.none());
        assertEquals(new Monitor(Duration.ofSeconds(20), List.empty()), spec.monitor());
    }

    @Test
    void checkDefaultsDependOnTheMethod() {
        String check = LINK + "[link.check]\ntargets = [\"192.0.2.53\"]\n";
        assertEquals(new Check(new Method.Icmp(), List.of("192.0.2.53"), 1, Check.DEFAULT_INTERVAL,
                Check.DEFAULT_TIMEOUT, 4, 4, Option.none()), valid(check).links().head().check());
        assertEquals(new Method.Tcp(22), method(check + "method = \"tcp\"\nport = 22\n"));
        assertEquals(new Method.Http(false, 80, "/", 200, Option.none()), method(check + "method = \"http\"\n"));
        assertEquals(new Method.Http(true, 443, "/", 200, Option.none()), method(check + "method = \"https\"\n"));
        assertEquals(new Method.Dns(53, "example.com", Check.DnsRecord.A),
                method(check + "method = \"dns\"\nname = \"example.com\"\n"));
        assertEquals(Option.some(new Check.Quality(Option.some(10), Option.none(), 20)),
                valid(check + "max_loss = 10\n").links().head().check().quality());
    }

    @Test
    void readsTheReferenceSpec() {
        String text = """
                [balancer]                  # optional table; all keys optional
                mode = "route"
                hash = "l3"
                priority_base = 20000
                protocol = 251
                table_base = 300
                last_resort = "unreachable"
                idle_timer = "5m"
                unbalanced_timer = "600s"

                [monitor]
                conntrack_grace = "0s"

                [[hook]]
                argv = ["/usr/local/bin/page", "--team", "net"]
                events = ["all_down", "down"]
                links = ["isp1"]
                timeout = "30s"

                [[hook]]
                argv = ["/usr/bin/logger"]

                [[link]]
                name = "isp1"
                dev = "eth1"
                gateway = "203.0.113.1"
                onlink = true
                weight = 5
                table = 101
                source = "203.0.113.2"
                [[link.route]]
                to = "198.51.100.0/24"
                [[link.route]]
                to = "192.0.2.7"
                [link.check]
                method = "https"
                targets = ["192.0.2.53", "192.0.2.54", "192.0.2.55"]
                port = 8443
                path = "/health?full=1"
                expect = 204
                host = "status.example.com"
                reliability = 2
                interval = "2s"
                timeout = "1500ms"
                down = 2
                up = 4
                max_loss = 20
                max_rtt = "250ms"
                window = 50

                [[link]]
                name = "isp2"
                dev = "ppp0"
                gateway = "198.18.0.1"
                [link.check]
                method = "dns"
                targets = ["198.18.0.53"]
                port = 5353
                name = "example.org."
                record = "SOA"
                """;
        Spec spec = valid(text);
        assertEquals(new Balancer(Balancer.Mode.ROUTE, Balancer.Hash.L3, 20000, 251, 300,
                Balancer.LastResort.UNREACHABLE, Duration.ofMinutes(5), Duration.ofMinutes(10)), spec.balancer());
        assertEquals(new Monitor(Duration.ZERO, List.of(
                new Hook(List.of("/usr/local/bin/page", "--team", "net"),
                        TreeSet.of(Hook.Event.DOWN, Hook.Event.ALL_DOWN), Option.some(TreeSet.of("isp1")),
                        Duration.ofSeconds(30)),
                new Hook(List.of("/usr/bin/logger"), TreeSet.of(Hook.Event.values()), Option.none(),
                        Duration.ofSeconds(10)))), spec.monitor());
        assertEquals(List.of(
                new Link("isp1", "eth1", "203.0.113.1", true, 5, Option.some(101), Option.some("203.0.113.2"),
                        List.of("198.51.100.0/24", "192.0.2.7/32"),
                        new Check(new Method.Http(true, 8443, "/health?full=1", 204, Option.some("status.example.com")),
                                List.of("192.0.2.53", "192.0.2.54", "192.0.2.55"), 2, Duration.ofSeconds(2),
                                Duration.ofMillis(1500), 2, 4,
                                Option.some(new Check.Quality(Option.some(20), Option.some(Duration.ofMillis(250)), 50)))),
                new Link("isp2", "ppp0", "198.18.0.1", 1, Option.none(), Option.none(), List.empty(),
                        new Check(new Method.Dns(5353, "example.org.", Check.DnsRecord.SOA), List.of("198.18.0.53"), 1,
                                Check.DEFAULT_INTERVAL, Check.DEFAULT_TIMEOUT, 4, 4, Option.none()))),
                spec.links());
        assertEquals(text, spec.source());
        assertFalse(spec.monitor().deletesConntrack());
        assertTrue(spec.monitor().hooks().head().runsFor(Hook.Event.DOWN, "isp1"));
        assertFalse(spec.monitor().hooks().head().runsFor(Hook.Event.DOWN, "isp2"));
        assertTrue(spec.monitor().hooks().head().runsFor(Hook.Event.ALL_DOWN, "isp2"), "all_down is not per link");
        assertFalse(spec.monitor().hooks().head().runsFor(Hook.Event.UP, "isp1"));
    }

    @Test
    void bandwidthsBecomeWeightsDividedByTheirGcd() {
        Spec spec = valid(LINK + "bandwidth = \"100mbit\"\n" + """
                [[link]]
                name = "isp2"
                dev = "eth2"
                gateway = "198.18.0.1"
                bandwidth = "20mbit"
                """);
        assertEquals(List.of(5, 1), spec.links().map(Link::weight));
    }

    @Test
    void bandwidthsThatDoNotFitAreScaledTo256() {
        assertEquals(List.of(256, 1, 1), weights("1gbit", "3mbit", "1mbit"));
        assertEquals(List.of(1, 1), weights("1mbps", "8mbit"));
        assertEquals(List.of(1, 1000), weights("1kbit", "1mbit").map(w -> w == 256 ? 1000 : w));
    }

    @Test
    void acceptsTheLimitsOfEveryRange() {
        Spec spec = valid("""
                [balancer]
                priority_base = 32666
                protocol = 255
                table_base = 2147483000
                """ + LINK + """
                weight = 256
                table = 252
                [link.check]
                targets = ["192.0.2.1"]
                interval = "60m"
                down = 100
                up = 1
                """);
        assertEquals(32666, spec.balancer().priorityBase());
        assertEquals(Duration.ofHours(1), spec.links().head().check().interval());
        Spec low = valid("[balancer]\npriority_base = 1\nprotocol = 5\n" + LINK
                + "weight = 1\n[link.check]\ntargets = [\"192.0.2.1\"]\ninterval = \"100ms\"\ntimeout = \"10ms\"\n");
        assertEquals(5, low.balancer().protocol());
        assertEquals(Duration.ofMillis(100), low.links().head().check().interval());
        assertEquals(Duration.ofMillis(10), low.links().head().check().timeout());
    }

    @Test
    void acceptsInlineTablesAndArraysOfTables() {
        Spec spec = valid("""
                link = [
                  { name = "a", dev = "eth1", gateway = "198.18.0.1", route = [{ to = "192.0.2.7" }], check = { targets = ["192.0.2.53"], interval = "2s" } },
                ]
                """);
        assertEquals(List.of("192.0.2.7/32"), spec.links().head().routes());
        assertEquals(Duration.ofSeconds(2), spec.links().head().check().interval());
    }

    @Test
    void leavesTableAssignmentToTheCompiler() {
        Spec spec = valid(LINK + """
                [[link]]
                name = "a"
                dev = "eth2"
                gateway = "198.18.0.1"
                [[link]]
                name = "b"
                dev = "eth3"
                gateway = "198.18.0.5"
                table = 201
                """);
        assertEquals(List.of(Option.none(), Option.none(), Option.some(201)), spec.links().map(Link::table));
        assertEquals(io.vavr.collection.TreeMap.of("a", 202, "b", 201, "isp1", 203),
                Tables.assign(spec.balancer(), spec.links()));
    }

    @Test
    void readsAFileAndKeepsItsTextExactly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spec.toml");
        String text = "# keep me\r\n" + LINK.replace("\n", "\r\n");
        Files.writeString(file, text);
        Spec spec = SpecParser.parse(file).get();
        assertEquals(text, spec.source());
        assertEquals("isp1", spec.links().head().name());
    }

    @Test
    void anUnreadableFileIsOneDiagnosticWithTheReason(@TempDir Path dir) {
        Path missing = dir.resolve("nope.toml");
        assertEquals(List.of(missing + ": cannot read the spec: No such file or directory "
                        + "(check the path given with -f and its permissions)"),
                SpecParser.parse(missing).getError().map(Diagnostic::toString));
        assertEquals(List.of(dir + ": cannot read the spec: Is a directory"),
                SpecParser.parse(dir).getError().map(d -> d.file() + ": " + d.message()));
    }

    private static Method method(String toml) {
        return valid(toml).links().head().check().method();
    }

    private static List<Integer> weights(String... bandwidths) {
        StringBuilder toml = new StringBuilder();
        for (int i = 0; i < bandwidths.length; i++) {
            toml.append("[[link]]\nname = \"l").append(i).append("\"\ndev = \"eth").append(i)
                    .append("\"\ngateway = \"198.18.0.").append(i + 1).append("\"\nbandwidth = \"")
                    .append(bandwidths[i]).append("\"\n");
        }
        return valid(toml.toString()).links().map(Link::weight);
    }
}
