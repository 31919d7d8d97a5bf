package mlb.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands that build a lab, and those that cut or heal an ISP's upstream. Pure: nothing runs here.
 * Every command names a namespace of the lab; the root namespace is never a target, and the veth pairs are
 * created inside a lab namespace with their peer moved straight into another one.
 */
final class TopologyScript {
    /** Table an ISP loads to drop everything it forwards: upstream dead while the router's carrier stays up. */
    static final String CUT_TABLE = "lab_cut";
    /** Table an ISP loads to drop a share of what it forwards at random: a lossy but living line. */
    static final String LOSS_TABLE = "lab_loss";
    /** The user's own NAT on the router, which mlb must leave alone (route mode does no NAT itself). */
    static final String NAT_TABLE = "lab_nat";

    private final Topology t;
    private final boolean mainDefault;

    /** mainDefault: give the router's main table a default route via isp1, as a one-link router has. */
    TopologyScript(Topology topology, boolean mainDefault) {
        this.t = topology;
        this.mainDefault = mainDefault;
    }

    List<Step> up() {
        List<Step> s = new ArrayList<>();
        t.namespaces().forEach(ns -> s.add(Step.of(List.of("ip", "netns", "add", ns))));
        t.namespaces().forEach(ns -> s.addAll(baseSysctls(ns)));
        s.addAll(lan());
        if (t.campus()) s.addAll(new CampusScript(t).up());
        else t.isps().forEach(isp -> s.addAll(isp(isp)));
        s.addAll(internet());
        if (mainDefault) {
            Isp isp1 = t.isps().get(0);
            s.add(Step.ip(t.routerNs(), "route", "add", "default", "via", isp1.gateway(), "dev", isp1.name()));
        }
        s.add(Step.nft(t.routerNs(), natScript()));
        return s;
    }

    /** Namespace-wide settings first, so interfaces created afterwards inherit the defaults. */
    private List<Step> baseSysctls(String ns) {
        List<Step> s = new ArrayList<>();
        boolean isp = !ns.equals(t.lanNs()) && !ns.equals(t.routerNs()) && !ns.equals(t.internetNs());
        // ISPs filter spoofed sources strictly (BCP 38): a flow that leaves through the wrong link with
        // another link's address is dropped there, as it would be on a real line, instead of quietly working.
        String rp = isp ? "1" : "0";
        s.add(Step.sysctl(ns, "net.ipv4.conf.all.rp_filter", rp));
        s.add(Step.sysctl(ns, "net.ipv4.conf.default.rp_filter", rp));
        boolean forwards = ns.equals(t.routerNs()) || isp;
        s.add(Step.sysctl(ns, "net.ipv4.ip_forward", forwards ? "1" : "0"));
        if (ns.equals(t.routerNs()) && t.campus()) {
            // Several interfaces on one network: each answers ARP only for its own address, and asks with it, so
            // the campus learns each address at its own macvlan's MAC (the kernel's default answers for any).
            s.add(Step.sysctl(ns, "net.ipv4.conf.all.arp_ignore", "1"));
            s.add(Step.sysctl(ns, "net.ipv4.conf.all.arp_announce", "2"));
        }
        if (ns.equals(t.lanNs()) || ns.equals(t.internetNs())) {
            // The endpoints send with loss-based reno: with bbr (a common default) thirty flows overrun the
            // ISPs' shallow drop-tail queues and some starve in retransmit backoff, so the measurements would
            // show TCP's behaviour on that queue rather than how mlb spreads flows. Best effort: a kernel that
            // does not allow reno in namespaces keeps its default.
            s.add(Step.sysctl(ns, "net.ipv4.tcp_congestion_control", "reno").optional());
        }
        s.add(Step.ip(ns, "link", "set", "lo", "up"));
        return s;
    }

    private List<Step> lan() {
        String r = t.routerNs();
        String h = t.lanNs();
        return List.of(
                Step.ip(r, "link", "add", Topology.LAN_DEV, "type", "veth", "peer", "name", Topology.HOST_DEV,
                        "netns", h),
                Step.ip(r, "addr", "add", Topology.ROUTER_LAN_ADDRESS + "/24", "dev", Topology.LAN_DEV),
                Step.ip(h, "addr", "add", Topology.HOST_ADDRESS + "/24", "dev", Topology.HOST_DEV),
                Step.ip(r, "link", "set", Topology.LAN_DEV, "up"),
                Step.ip(h, "link", "set", Topology.HOST_DEV, "up"),
                Step.ip(h, "route", "add", "default", "via", Topology.ROUTER_LAN_ADDRESS, "dev", Topology.HOST_DEV));
    }

    private List<Step> isp(Isp isp) {
        String r = t.routerNs();
        String p = t.ispNs(isp);
        String in = t.internetNs();
        return List.of(
                Step.ip(r, "link", "add", isp.name(), "type", "veth", "peer", "name", Topology.ISP_ROUTER_DEV,
                        "netns", p),
                Step.ip(r, "addr", "add", isp.routerAddress() + "/24", "dev", isp.name()),
                Step.ip(p, "addr", "add", isp.gateway() + "/24", "dev", Topology.ISP_ROUTER_DEV),
                Step.ip(p, "link", "add", Topology.ISP_UPSTREAM_DEV, "type", "veth", "peer", "name", isp.name(),
                        "netns", in),
                Step.ip(p, "addr", "add", isp.upstreamAddress() + "/24", "dev", Topology.ISP_UPSTREAM_DEV),
                Step.ip(in, "addr", "add", isp.internetAddress() + "/24", "dev", isp.name()),
                Step.ip(r, "link", "set", isp.name(), "up"),
                Step.ip(p, "link", "set", Topology.ISP_ROUTER_DEV, "up"),
                Step.ip(p, "link", "set", Topology.ISP_UPSTREAM_DEV, "up"),
                Step.ip(in, "link", "set", isp.name(), "up"),
                Step.ip(p, "route", "add", "default", "via", isp.internetAddress(), "dev", Topology.ISP_UPSTREAM_DEV),
                // The internet sends replies for this line's addresses back through this ISP.
                Step.ip(in, "route", "add", isp.lineSubnet(), "via", isp.upstreamAddress(), "dev", isp.name()),
                // The line is shaped in both directions: upload on the router's end, download on the ISP's end.
                shape(r, isp.name(), isp.rate()),
                shape(p, Topology.ISP_ROUTER_DEV, isp.rate()));
    }

    private List<Step> internet() {
        List<Step> s = new ArrayList<>();
        for (String a : t.serverAddresses()) s.add(Step.ip(t.internetNs(), "addr", "add", a + "/32", "dev", "lo"));
        return s;
    }

    /** A token bucket at the line rate; the bucket holds about 10 ms of traffic, so bursts stay short. */
    static Step shape(String ns, String dev, Rate rate) {
        long burst = Math.max(rate.bytesPerSecond() / 100, 4_000);
        return Step.tc(ns, "qdisc", "replace", "dev", dev, "root", "tbf", "rate", rate.tc(),
                "burst", String.valueOf(burst), "latency", "50ms");
    }

    String natScript() {
        StringBuilder s = new StringBuilder();
        s.append("table ip ").append(NAT_TABLE).append(" {\n");
        s.append("  chain postrouting {\n");
        s.append("    type nat hook postrouting priority srcnat; policy accept;\n");
        for (Isp isp : t.isps()) s.append("    oifname \"").append(isp.name()).append("\" masquerade\n");
        s.append("  }\n}\n");
        return s.toString();
    }

    /** The table whose presence (in the namespace of the link's gateway) says the link is cut. */
    String cutTable(Isp isp) {
        return t.campus() ? CampusScript.cutTable(isp) : CUT_TABLE;
    }

    /**
     * Drop everything the ISP forwards, in both directions; its own address stays reachable (carrier up). On a
     * campus: everything it forwards from and to this link's address, so the other links stay up.
     */
    Step cut(Isp isp) {
        if (t.campus()) return new CampusScript(t).cut(isp);
        // Declaring and deleting first makes the script idempotent: a second cut replaces the first.
        String script = "table ip " + CUT_TABLE + " {}\n"
                + "delete table ip " + CUT_TABLE + "\n"
                + "table ip " + CUT_TABLE + " {\n"
                + "  chain forward {\n"
                + "    type filter hook forward priority filter; policy drop;\n"
                + "  }\n}\n";
        return Step.nft(t.ispNs(isp), script);
    }

    /**
     * The ISP's upstream answers instead of staying silent: whatever the ISP forwards gets an ICMP host
     * unreachable back, so a connection attempt on this line fails at once (not only when its SYN times out).
     */
    Step cutUnreachable(Isp isp) {
        if (t.campus()) throw new LabException(LabException.USAGE, "an unreachable cut needs the lab's own ISP namespaces, not --shared-gateway");
        String script = "table ip " + CUT_TABLE + " {}\n"
                + "delete table ip " + CUT_TABLE + "\n"
                + "table ip " + CUT_TABLE + " {\n"
                + "  chain forward {\n"
                + "    type filter hook forward priority filter; policy accept;\n"
                + "    reject with icmp type host-unreachable\n"
                + "  }\n}\n";
        return Step.nft(t.ispNs(isp), script);
    }

    /** Drops percent of what the ISP forwards, each packet by chance (this kernel has no netem). */
    Step lossy(Isp isp, int percent) {
        if (percent < 1 || percent > 99) throw new IllegalArgumentException("loss must be 1..99 %: " + percent);
        if (t.campus()) return new CampusScript(t).lossy(isp, percent);
        String script = "table ip " + LOSS_TABLE + " {}\n"
                + "delete table ip " + LOSS_TABLE + "\n"
                + "table ip " + LOSS_TABLE + " {\n"
                + "  chain forward {\n"
                + "    type filter hook forward priority filter; policy accept;\n"
                + "    numgen random mod 100 < " + percent + " drop\n"
                + "  }\n}\n";
        return Step.nft(t.ispNs(isp), script);
    }

    Step lossless(Isp isp) {
        if (t.campus()) return CampusScript.drop(t, CampusScript.lossTable(isp));
        return Step.nft(t.ispNs(isp), "table ip " + LOSS_TABLE + " {}\ndelete table ip " + LOSS_TABLE + "\n");
    }

    Step heal(Isp isp) {
        if (t.campus()) return CampusScript.drop(t, CampusScript.cutTable(isp));
        return Step.nft(t.ispNs(isp), "table ip " + CUT_TABLE + " {}\ndelete table ip " + CUT_TABLE + "\n");
    }
}
