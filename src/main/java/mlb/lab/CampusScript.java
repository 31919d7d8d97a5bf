package mlb.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The campus shape of the lab (the five-WAN OpenWrt recipe): one campus namespace holds the one gateway all links
 * share; the router reaches it through one veth whose router end carries a macvlan per link, each with its own
 * address on the campus /24 and its own MAC. The campus forwards to the internet namespace, shapes each link's
 * downloads by its address, and binds each address to its MAC. Pure, like TopologyScript.
 */
final class CampusScript {
    /** The campus's table that drops a source address sent from another link's MAC. */
    static final String GUARD_TABLE = "lab_guard";

    private final Topology t;

    CampusScript(Topology topology) {
        if (!topology.campus()) throw new IllegalArgumentException("not a campus lab");
        this.t = topology;
    }

    List<Step> up() {
        String r = t.routerNs();
        String c = t.campusNs();
        String in = t.internetNs();
        Isp first = t.isps().get(0);
        List<Step> s = new ArrayList<>(List.of(
                Step.ip(r, "link", "add", Topology.CAMPUS_DEV, "type", "veth", "peer", "name", Topology.ISP_ROUTER_DEV,
                        "netns", c),
                Step.ip(r, "link", "set", Topology.CAMPUS_DEV, "up"),
                Step.ip(c, "addr", "add", first.gateway() + "/24", "dev", Topology.ISP_ROUTER_DEV),
                Step.ip(c, "link", "set", Topology.ISP_ROUTER_DEV, "up")));
        t.isps().forEach(isp -> s.addAll(link(isp)));
        s.addAll(List.of(
                Step.ip(c, "link", "add", Topology.ISP_UPSTREAM_DEV, "type", "veth", "peer", "name", Topology.CAMPUS_DEV,
                        "netns", in),
                Step.ip(c, "addr", "add", first.upstreamAddress() + "/24", "dev", Topology.ISP_UPSTREAM_DEV),
                Step.ip(in, "addr", "add", first.internetAddress() + "/24", "dev", Topology.CAMPUS_DEV),
                Step.ip(c, "link", "set", Topology.ISP_UPSTREAM_DEV, "up"),
                Step.ip(in, "link", "set", Topology.CAMPUS_DEV, "up"),
                Step.ip(c, "route", "add", "default", "via", first.internetAddress(), "dev", Topology.ISP_UPSTREAM_DEV),
                // The internet sends replies for the campus's addresses back through the campus.
                Step.ip(in, "route", "add", first.lineSubnet(), "via", first.upstreamAddress(), "dev", Topology.CAMPUS_DEV)));
        s.addAll(downloads());
        s.add(Step.nft(c, guardScript()));
        return s;
    }

    /** A link's macvlan on the router's campus veth, its address, and its upload shaped at its rate. */
    private List<Step> link(Isp isp) {
        String r = t.routerNs();
        return List.of(
                Step.ip(r, "link", "add", "link", Topology.CAMPUS_DEV, "name", isp.name(), "address", isp.mac(),
                        "type", "macvlan", "mode", "bridge"),
                Step.ip(r, "addr", "add", isp.routerAddress() + "/24", "dev", isp.name()),
                Step.ip(r, "link", "set", isp.name(), "up"),
                TopologyScript.shape(r, isp.name(), isp.rate()));
    }

    /**
     * Downloads leave the campus on its one veth to the router, so each link's share is shaped there by its
     * address: an htb class per link at its rate (ceil = rate: a link never borrows another's), each with a
     * drop-tail queue of about 50 ms like the tbf upload's, and a u32 filter on the destination address.
     * Unclassified packets (ARP, anything to no link's address) go unshaped.
     */
    private List<Step> downloads() {
        String c = t.campusNs();
        String dev = Topology.ISP_ROUTER_DEV;
        List<Step> s = new ArrayList<>();
        s.add(Step.tc(c, "qdisc", "replace", "dev", dev, "root", "handle", "1:", "htb"));
        for (Isp isp : t.isps()) {
            String burst = String.valueOf(burst(isp.rate()));
            String classId = "1:" + isp.index();
            s.add(Step.tc(c, "class", "add", "dev", dev, "parent", "1:", "classid", classId, "htb", "rate", isp.rate().tc(),
                    "ceil", isp.rate().tc(), "burst", burst, "cburst", burst));
            s.add(Step.tc(c, "qdisc", "add", "dev", dev, "parent", classId, "bfifo", "limit",
                    String.valueOf(isp.rate().bytesPerSecond() / 20 + burst(isp.rate()))));
            s.add(Step.tc(c, "filter", "add", "dev", dev, "parent", "1:", "protocol", "ip", "prio", "1", "u32",
                    "match", "ip", "dst", isp.routerAddress() + "/32", "flowid", classId));
        }
        return s;
    }

    /** The same bucket as the tbf upload's: about 10 ms of traffic. */
    private static long burst(Rate rate) {
        return Math.max(rate.bytesPerSecond() / 100, 4_000);
    }

    /**
     * Each link's address is accepted from its own MAC only, as a campus that binds an account to its port does:
     * a connection that leaves by the wrong macvlan with another link's address is dropped, as a real ISP's
     * source filter drops it in the lab's other shape, instead of quietly working.
     */
    String guardScript() {
        StringBuilder s = new StringBuilder();
        s.append("table ip ").append(GUARD_TABLE).append(" {\n");
        s.append("  chain prerouting {\n");
        s.append("    type filter hook prerouting priority filter; policy accept;\n");
        for (Isp isp : t.isps()) {
            s.append("    iifname \"").append(Topology.ISP_ROUTER_DEV).append("\" ether saddr ").append(isp.mac())
                    .append(" ip saddr != ").append(isp.routerAddress()).append(" drop\n");
        }
        s.append("  }\n}\n");
        return s.toString();
    }

    static String cutTable(Isp isp) {
        return TopologyScript.CUT_TABLE + "_" + isp.name();
    }

    static String lossTable(Isp isp) {
        return TopologyScript.LOSS_TABLE + "_" + isp.name();
    }

    /** The campus drops everything it forwards from and to this link's address; the other links are untouched. */
    Step cut(Isp isp) {
        return replace(cutTable(isp), "ip saddr " + isp.routerAddress() + " drop",
                "ip daddr " + isp.routerAddress() + " drop");
    }

    /** The campus drops percent of what it forwards from and to this link's address, each packet by chance. */
    Step lossy(Isp isp, int percent) {
        String chance = " numgen random mod 100 < " + percent + " drop";
        return replace(lossTable(isp), "ip saddr " + isp.routerAddress() + chance, "ip daddr " + isp.routerAddress() + chance);
    }

    /** A table of the link's own, so cutting one link twice replaces its cut, and cutting another adds one. */
    private Step replace(String table, String... rules) {
        StringBuilder s = new StringBuilder();
        s.append("table ip ").append(table).append(" {}\n").append("delete table ip ").append(table).append('\n');
        s.append("table ip ").append(table).append(" {\n");
        s.append("  chain forward {\n");
        s.append("    type filter hook forward priority filter; policy accept;\n");
        for (String r : rules) s.append("    ").append(r).append('\n');
        s.append("  }\n}\n");
        return Step.nft(t.campusNs(), s.toString());
    }

    /** Removes a link's table if it is there (idempotent). */
    static Step drop(Topology t, String table) {
        return Step.nft(t.campusNs(), "table ip " + table + " {}\ndelete table ip " + table + "\n");
    }
}
