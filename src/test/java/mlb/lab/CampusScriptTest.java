package mlb.lab;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The campus shape (--shared-gateway): the safety rules, and one network, one gateway, a macvlan per link. */
class CampusScriptTest {
    private static final Pattern IPV4 = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private final Topology t = Topology.campus("mlbt-x", List.of(Rate.mbit(8), Rate.mbit(12), Rate.mbit(20)));
    private final TopologyScript script = new TopologyScript(t, true);

    private List<String> up() {
        return script.up().stream().map(Step::toString).toList();
    }

    private List<Step> everything() {
        List<Step> all = new ArrayList<>(script.up());
        for (Isp isp : t.isps()) {
            all.add(script.cut(isp));
            all.add(script.heal(isp));
            all.add(script.lossy(isp, 5));
            all.add(script.lossless(isp));
        }
        return all;
    }

    @Test
    void oneCampusNamespaceStandsForEveryIsp() {
        assertEquals(List.of("mlbt-x-lan", "mlbt-x-router", "mlbt-x-campus", "mlbt-x-inet"), t.namespaces());
        t.isps().forEach(isp -> assertEquals("mlbt-x-campus", t.ispNs(isp)));
        assertTrue(Topology.belongsTo("mlbt-x", "mlbt-x-campus"));
    }

    @Test
    void everyCommandTargetsANamespaceOfTheLab() {
        Set<String> mine = Set.copyOf(t.namespaces());
        for (Step s : everything()) {
            List<String> a = s.argv();
            String ns = switch (a.get(0)) {
                case "ip" -> a.get(1).equals("-n") ? a.get(2) : a.get(1).equals("netns") ? a.get(3) : null;
                case "tc" -> a.get(1).equals("-n") ? a.get(2) : null;
                default -> null;
            };
            if (ns == null || !mine.contains(ns)) fail("command outside the lab's namespaces: " + s);
        }
    }

    @Test
    void twoVethsEachMovedIntoALabNamespaceAtCreationAndNothingElseLinksOut() {
        Set<String> mine = Set.copyOf(t.namespaces());
        List<String> links = up().stream().filter(c -> c.contains(" link add ")).toList();
        long veths = 0;
        for (String c : links) {
            if (c.contains(" type veth ")) {
                veths++;
                List<String> a = List.of(c.split(" "));
                assertTrue(mine.contains(a.get(a.indexOf("netns") + 1)), c);
            } else {
                assertTrue(c.startsWith("ip -n mlbt-x-router link add link campus name isp") && c.endsWith(" type macvlan mode bridge"), c);
            }
        }
        assertEquals(3, veths, "the LAN's, the campus's and its upstream's: " + links);
        assertEquals(t.isps().size() + 3, links.size(), links.toString());
    }

    @Test
    void eachLinkIsAMacvlanWithItsOwnAddressAndMacOnOneNetworkBehindOneGateway() {
        for (Isp isp : t.isps()) {
            String dev = isp.name();
            assertTrue(up().contains("ip -n mlbt-x-router link add link campus name " + dev + " address " + isp.mac()
                    + " type macvlan mode bridge"), dev);
            assertTrue(up().contains("ip -n mlbt-x-router addr add 198.18.0." + (10 + isp.index()) + "/24 dev " + dev), dev);
            assertEquals("198.18.0.1", isp.gateway());
        }
        assertEquals(3, t.isps().stream().map(Isp::mac).distinct().count());
        assertEquals("02:00:c6:12:00:0c", t.isps().get(1).mac());
        assertTrue(up().contains("ip -n mlbt-x-campus addr add 198.18.0.1/24 dev router"));
        assertEquals(1, up().stream().filter(c -> c.contains("addr add 198.18.0.1/")).count(), "one gateway");
        // The campus forwards to the internet, and the internet routes the campus's /24 back through it.
        assertTrue(up().contains("ip -n mlbt-x-campus route add default via 198.18.100.2 dev inet"));
        assertTrue(up().contains("ip -n mlbt-x-inet route add 198.18.0.0/24 via 198.18.100.1 dev campus"));
        assertTrue(up().contains("ip -n mlbt-x-router route add default via 198.18.0.1 dev isp1"));
        assertTrue(up().contains("ip netns exec mlbt-x-router sysctl -qw net.ipv4.conf.all.arp_ignore=1"));
        assertTrue(up().contains("ip netns exec mlbt-x-campus sysctl -qw net.ipv4.ip_forward=1"));
    }

    @Test
    void everyAddressIsFromTheLabRanges() {
        for (Step s : everything()) {
            String text = String.join(" ", s.argv()) + " " + (s.stdin() == null ? "" : s.stdin());
            Matcher m = IPV4.matcher(text);
            while (m.find()) {
                String a = m.group();
                assertTrue(a.startsWith("10.77.") || a.startsWith("198.18.") || a.startsWith("198.19."),
                        "address outside 10.77.0.0/16 and 198.18.0.0/15: " + a + " in " + s);
            }
        }
    }

    @Test
    void uploadsAreShapedOnEachMacvlanAndDownloadsByAddressInTheCampus() {
        assertTrue(up().contains("tc -n mlbt-x-router qdisc replace dev isp2 root tbf rate 12mbit burst 15000 latency 50ms"));
        assertTrue(up().contains("tc -n mlbt-x-campus qdisc replace dev router root handle 1: htb"));
        assertTrue(up().contains("tc -n mlbt-x-campus class add dev router parent 1: classid 1:2 htb rate 12mbit ceil 12mbit "
                + "burst 15000 cburst 15000"));
        assertTrue(up().contains("tc -n mlbt-x-campus qdisc add dev router parent 1:2 bfifo limit 90000"));
        assertTrue(up().contains("tc -n mlbt-x-campus filter add dev router parent 1: protocol ip prio 1 u32 match ip dst "
                + "198.18.0.12/32 flowid 1:2"));
        for (Isp isp : t.isps()) {
            assertEquals(1, up().stream().filter(c -> c.contains("tbf rate " + isp.rate().tc() + " ")).count(), isp.name());
            assertEquals(1, up().stream().filter(c -> c.contains("match ip dst " + isp.routerAddress() + "/32")).count());
        }
    }

    @Test
    void theCampusAcceptsEachAddressFromItsOwnMacOnly() {
        assertEquals("""
                table ip lab_guard {
                  chain prerouting {
                    type filter hook prerouting priority filter; policy accept;
                    iifname "router" ether saddr 02:00:c6:12:00:0b ip saddr != 198.18.0.11 drop
                    iifname "router" ether saddr 02:00:c6:12:00:0c ip saddr != 198.18.0.12 drop
                    iifname "router" ether saddr 02:00:c6:12:00:0d ip saddr != 198.18.0.13 drop
                  }
                }
                """, new CampusScript(t).guardScript());
        assertTrue(script.up().stream().anyMatch(s -> s.argv().contains("mlbt-x-campus") && s.stdin() != null
                && s.stdin().startsWith("table ip lab_guard")));
    }

    @Test
    void aCutDropsOnlyThatLinksAddressInATableOfItsOwn() {
        Isp isp2 = t.isps().get(1);
        Step cut = script.cut(isp2);
        assertEquals(List.of("ip", "netns", "exec", "mlbt-x-campus", "nft", "-f", "-"), cut.argv());
        assertEquals("""
                table ip lab_cut_isp2 {}
                delete table ip lab_cut_isp2
                table ip lab_cut_isp2 {
                  chain forward {
                    type filter hook forward priority filter; policy accept;
                    ip saddr 198.18.0.12 drop
                    ip daddr 198.18.0.12 drop
                  }
                }
                """, cut.stdin());
        assertEquals("table ip lab_cut_isp2 {}\ndelete table ip lab_cut_isp2\n", script.heal(isp2).stdin());
        assertEquals("lab_cut_isp2", script.cutTable(isp2));
        assertFalse(script.cut(t.isps().get(0)).stdin().contains("198.18.0.12"));
        assertTrue(script.lossy(isp2, 5).stdin().contains("ip daddr 198.18.0.12 numgen random mod 100 < 5 drop"));
        assertEquals("table ip lab_loss_isp2 {}\ndelete table ip lab_loss_isp2\n", script.lossless(isp2).stdin());
    }

    @Test
    void sharedGatewayAsksForTheCampusShape() {
        TopologyOptions o = new TopologyOptions();
        new picocli.CommandLine(o).parseArgs("--links", "5", "--shared-gateway");
        Topology five = o.topology("mlb");
        assertTrue(five.campus());
        assertEquals(5, five.isps().size());
        assertEquals("198.18.0.15", five.isps().get(4).routerAddress());
        TopologyOptions plain = new TopologyOptions();
        new picocli.CommandLine(plain).parseArgs("--links", "5");
        assertFalse(plain.topology("mlb").campus());
    }

    @Test
    void theLabSpecNamesEachMacvlanAndTheOneGateway() {
        String toml = LabSpec.of(t).withMode("connmark").toml();
        for (Isp isp : t.isps()) assertTrue(toml.contains("dev = \"" + isp.name() + "\"\ngateway = \"198.18.0.1\"\n"), toml);
        assertTrue(mlb.spec.SpecParser.parse(toml, "lab.toml").isValid(), toml);
    }
}
