package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * Route protocol numbers that already mean something: the kernel's own (0..4), the names iproute2 ships in
 * /etc/iproute2/rt_protos (iproute2 6.1), the kernel header's RTPROT_MROUTED, and the numbers FRR's zebra
 * puts on its routes (its rt_netlink.h). Routes mlb marks with one of these would be taken for that
 * software's, and mlb would take that software's routes for its own.
 */
final class RouteProtocols {
    record Named(int number, String owner, String name, String carriedBy) {
        String why() {
            return "protocol " + number + " is " + owner + " \"" + name + "\": " + carriedBy;
        }
    }

    private static final String IPROUTE2 = "iproute2's", KERNEL = "the kernel's", FRR = "FRR's";

    static final List<Named> NAMED = List.of(
            new Named(0, IPROUTE2, "unspec", "the kernel reads it as no protocol at all"),
            new Named(1, IPROUTE2, "redirect", "routes learned from ICMP redirects carry it"),
            new Named(2, IPROUTE2, "kernel", "routes the kernel adds itself carry it"),
            new Named(3, IPROUTE2, "boot", "routes added without a protocol, as by a plain ip route add, carry it"),
            new Named(4, IPROUTE2, "static", "routes an administrator or a network manager adds carry it"),
            new Named(8, IPROUTE2, "gated", "the GateD routing daemon's routes carry it"),
            new Named(9, IPROUTE2, "ra", "routes from router advertisements carry it"),
            new Named(10, IPROUTE2, "mrt", "the Merit MRT routing daemon's routes carry it"),
            new Named(11, IPROUTE2, "zebra", "Quagga's and FRR's zebra routes carry it"),
            new Named(12, IPROUTE2, "bird", "the BIRD routing daemon's routes carry it"),
            new Named(13, IPROUTE2, "dnrouted", "the DECnet routing daemon's routes carry it"),
            new Named(14, IPROUTE2, "xorp", "the XORP routing daemon's routes carry it"),
            new Named(15, IPROUTE2, "ntk", "the Netsukuku daemon's routes carry it"),
            new Named(16, IPROUTE2, "dhcp", "a DHCP client's routes carry it"),
            new Named(17, KERNEL, "mrouted", "the multicast routing daemon's routes carry it"),
            new Named(18, IPROUTE2, "keepalived", "keepalived's routes carry it"),
            new Named(42, IPROUTE2, "babel", "the Babel routing daemon's routes carry it"),
            new Named(99, IPROUTE2, "openr", "Open/R's routes carry it"),
            new Named(186, IPROUTE2, "bgp", "a BGP daemon's routes carry it"),
            new Named(187, IPROUTE2, "isis", "an IS-IS daemon's routes carry it"),
            new Named(188, IPROUTE2, "ospf", "an OSPF daemon's routes carry it"),
            new Named(189, IPROUTE2, "rip", "a RIP daemon's routes carry it"),
            new Named(190, FRR, "ripng", "FRR's RIPng routes carry it"),
            new Named(191, FRR, "nhrp", "FRR's NHRP routes carry it"),
            new Named(192, IPROUTE2, "eigrp", "an EIGRP daemon's routes carry it"),
            new Named(193, FRR, "ldp", "FRR's LDP routes carry it"),
            new Named(194, FRR, "sharp", "FRR's sharpd test routes carry it"),
            new Named(195, FRR, "pbr", "FRR's policy routes carry it"),
            new Named(196, FRR, "zstatic", "FRR's static routes carry it"),
            new Named(197, FRR, "openfabric", "FRR's OpenFabric routes carry it"),
            new Named(198, FRR, "srte", "FRR's segment routing routes carry it"));

    private RouteProtocols() {
    }

    static Option<Named> named(int number) {
        return NAMED.find(p -> p.number() == number);
    }
}
