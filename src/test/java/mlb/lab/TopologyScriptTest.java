package mlb.lab;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The safety rules, checked on every command the lab would run. */
class TopologyScriptTest {
    private static final Pattern IPV4 = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private final Topology t = Topology.of("mlbt-x", List.of(Rate.mbit(8), Rate.mbit(12), Rate.mbit(20)));
    private final TopologyScript script = new TopologyScript(t, true);

    private List<Step> everything() {
        List<Step> all = new ArrayList<>(script.up());
        for (Isp isp : t.isps()) {
            all.add(script.cut(isp));
            all.add(script.heal(isp));
        }
        return all;
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
            if (a.get(0).equals("ip") && a.get(1).equals("netns")) {
                assertTrue(Set.of("add", "exec").contains(a.get(2)), s.toString());
            }
        }
    }

    @Test
    void vethPeersAreMovedIntoALabNamespaceAtCreation() {
        Set<String> mine = Set.copyOf(t.namespaces());
        long veths = 0;
        for (Step s : script.up()) {
            List<String> a = s.argv();
            if (!a.contains("veth")) continue;
            veths++;
            int i = a.indexOf("netns");
            assertTrue(i > 0 && mine.contains(a.get(i + 1)), "veth peer must be created in a lab namespace: " + s);
        }
        assertEquals(1 + 2L * t.isps().size(), veths);
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
    void shapesBothEndsOfEveryLine() {
        for (Isp isp : t.isps()) {
            long shapers = script.up().stream().map(Step::toString)
                    .filter(c -> c.contains(" tbf rate " + isp.rate().tc() + " ")).count();
            assertEquals(2, shapers, isp.name());
        }
        assertTrue(script.up().stream().map(Step::toString).anyMatch(c -> c.equals(
                "tc -n mlbt-x-router qdisc replace dev isp2 root tbf rate 12mbit burst 15000 latency 50ms")));
        assertTrue(script.up().stream().map(Step::toString).anyMatch(c -> c.equals(
                "tc -n mlbt-x-isp2 qdisc replace dev router root tbf rate 12mbit burst 15000 latency 50ms")));
    }

    @Test
    void routerMasqueradesOutOfEachIspLinkInItsOwnTable() {
        assertEquals("""
                table ip lab_nat {
                  chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    oifname "isp1" masquerade
                    oifname "isp2" masquerade
                    oifname "isp3" masquerade
                  }
                }
                """, script.natScript());
    }

    @Test
    void mainDefaultRouteIsOptional() {
        String route = "ip -n mlbt-x-router route add default via 198.18.1.1 dev isp1";
        assertTrue(script.up().stream().map(Step::toString).anyMatch(route::equals));
        assertTrue(new TopologyScript(t, false).up().stream().map(Step::toString).noneMatch(route::equals));
    }

    @Test
    void cutAndHealAreIdempotentNftTransactionsInTheIsp() {
        Isp isp2 = t.isps().get(1);
        Step cut = script.cut(isp2);
        assertEquals(List.of("ip", "netns", "exec", "mlbt-x-isp2", "nft", "-f", "-"), cut.argv());
        assertTrue(cut.stdin().startsWith("table ip lab_cut {}\ndelete table ip lab_cut\n"));
        assertTrue(cut.stdin().contains("hook forward priority filter; policy drop;"));
        assertEquals("table ip lab_cut {}\ndelete table ip lab_cut\n", script.heal(isp2).stdin());
    }
}
