package mlb.lab;

import java.util.ArrayList;
import java.util.List;

/** Human description of a lab's topology. */
final class Describe {
    private Describe() {
    }

    static List<String> topology(Topology t) {
        List<String> l = new ArrayList<>();
        String servers = t.serverAddresses().get(0) + (t.servers() > 1 ? ".." + last(t.serverAddresses()) : "");
        l.add(String.format("%-14s %s %s/24, default via %s", t.lanNs(), Topology.HOST_DEV, Topology.HOST_ADDRESS,
                Topology.ROUTER_LAN_ADDRESS));
        l.add(String.format("%-14s %s %s/24; nft table ip %s masquerades out of each ISP link", t.routerNs(),
                Topology.LAN_DEV, Topology.ROUTER_LAN_ADDRESS, TopologyScript.NAT_TABLE));
        if (t.campus()) {
            campus(t, l);
        } else {
            for (Isp i : t.isps()) {
                l.add(String.format("%-14s %s %s/24 <-> %s %s/24, shaped %s both ways; upstream %s/24", "", i.name(),
                        i.routerAddress(), t.ispNs(i), i.gateway(), i.rate(), i.upstreamAddress()));
            }
        }
        l.add(String.format("%-14s servers %s, TCP port %d", t.internetNs(), servers, Topology.PORT));
        return l;
    }

    private static void campus(Topology t, List<String> l) {
        Isp first = t.isps().get(0);
        for (Isp i : t.isps()) {
            l.add(String.format("%-14s %s %s/24 macvlan %s on %s, shaped %s both ways", "", i.name(), i.routerAddress(),
                    i.mac(), Topology.CAMPUS_DEV, i.rate()));
        }
        l.add(String.format("%-14s %s %s/24: the one gateway of every link; upstream %s/24", t.campusNs(),
                Topology.ISP_ROUTER_DEV, first.gateway(), first.upstreamAddress()));
    }

    private static String last(List<String> l) {
        String s = l.get(l.size() - 1);
        return s.substring(s.lastIndexOf('.') + 1);
    }
}
