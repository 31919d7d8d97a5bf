package mlb.compile;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.Device;
import mlb.spec.Code;
import mlb.spec.Diagnostic;
import mlb.spec.Ipv4;
import mlb.spec.Link;

/**
 * What the kernel would refuse about a link, said before anything is written: a device that is missing, down or
 * without carrier, no source address, and a gateway that is not a router on the device's network (its own
 * address, the network or broadcast address, or outside every network of the device without onlink).
 */
final class LinkChecks {
    private LinkChecks() {
    }

    /** at: the link's place in the spec, as in link[1]. */
    static List<Diagnostic> problems(Link l, String at, Facts facts) {
        Option<Device> found = facts.device(l.dev());
        if (found.isEmpty()) {
            return List.of(Diagnostic.unplaced(Code.NO_DEVICE, at + ".dev", "link " + l.name() + ": device " + l.dev() + " does not exist",
                    "check dev, or bring the interface up first"));
        }
        Device d = found.get();
        Option<String> unusable = d.unusableBecause();
        if (unusable.isDefined()) {
            return List.of(Diagnostic.unplaced(Code.DEVICE_UNUSABLE, at + ".dev", "link " + l.name() + ": device " + l.dev() + " " + unusable.get(), ""));
        }
        if (source(l, facts).isEmpty()) {
            return List.of(Diagnostic.unplaced(Code.NO_SOURCE, at + ".source", "link " + l.name() + ": device " + l.dev() + " has no IPv4 address",
                    "set source = \"ADDRESS\" in the link"));
        }
        return gateway(l, d).map(why -> Diagnostic.unplaced(Code.BAD_GATEWAY, at + ".gateway",
                "link " + l.name() + ": gateway " + l.gateway() + " " + why._1, why._2)).toList();
    }

    /**
     * Two links with one source address (one given, the other read from its device, say): the rules that send
     * each link's replies back through it could not tell them apart.
     */
    static List<Diagnostic> sharedSources(List<Link> links, List<String> sources) {
        return links.zip(sources).groupBy(t -> t._2).filter(g -> g._2.size() > 1).toList().sortBy(g -> g._1)
                .map(g -> Diagnostic.unplaced(Code.SHARED_SOURCE, "link", "links " + g._2.map(t -> t._1.name()).mkString(" and ")
                        + " have one source address, " + g._1 + ": each link needs its own",
                        "set source = \"ADDRESS\" to the address each link has"));
    }

    /**
     * Connmark mode: a lan prefix that overlaps a link's own network would balance what arrives from that ISP's
     * side as if it came from the LAN (and mark replies of the link's neighbours to other links).
     */
    static List<Diagnostic> lanOverlaps(List<Link> links, List<String> lan, Facts facts) {
        return links.flatMap(l -> facts.device(l.dev()).toList().flatMap(Device::addresses)
                .flatMap(a -> lan.filter(p -> overlap(p, a)).map(p -> Diagnostic.unplaced(Code.LAN_OVERLAP, "balancer.lan",
                        "link " + l.name() + ": lan " + p + " overlaps " + Ipv4.network(a.reaches(), a.prefix()) + " on " + l.dev(),
                        "list only the networks behind this router in lan"))));
    }

    private static boolean overlap(String prefix, Device.Address a) {
        String[] p = prefix.split("/");
        int shorter = Math.min(Integer.parseInt(p[1]), a.prefix());
        return Ipv4.network(p[0], shorter).equals(Ipv4.network(a.reaches(), shorter));
    }

    static Option<String> source(Link l, Facts facts) {
        return l.source().orElse(() -> facts.device(l.dev()).flatMap(Device::firstAddress));
    }

    /** Why the gateway cannot be the link's router, and what to write instead. */
    private static Option<Tuple2<String, String>> gateway(Link l, Device d) {
        String router = "write the address of the ISP's router on this link";
        if (d.addresses().exists(a -> a.address().equals(l.gateway()))) {
            return Option.some(Tuple.of("is " + d.name() + "'s own address", router));
        }
        for (Device.Address a : d.addresses()) {
            String net = Ipv4.network(a.reaches(), a.prefix());
            switch (Ipv4.place(l.gateway(), a.reaches(), a.prefix())) {
                case NETWORK -> { return Option.some(Tuple.of("is the network address of " + net + " on " + d.name() + ", not a router", "")); }
                case BROADCAST -> { return Option.some(Tuple.of("is the broadcast address of " + net + " on " + d.name() + ", not a router", "")); }
                case HOST -> { return Option.none(); }
                case OUTSIDE -> { }
            }
        }
        if (l.onlink()) return Option.none();
        String nets = d.addresses().isEmpty() ? "it has no IPv4 network"
                : "its networks: " + d.addresses().map(a -> Ipv4.network(a.reaches(), a.prefix())).mkString(", ");
        return Option.some(Tuple.of("is not on a network of " + d.name() + " (" + nets + "), so the kernel would refuse it",
                "correct the gateway, or set onlink = true if the ISP's router answers on this link anyway"));
    }
}
