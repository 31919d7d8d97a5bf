package mlb.lab;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** --links, --rates and --shared-gateway, shared by the commands that build a lab. */
final class TopologyOptions {
    @Option(names = "--links", paramLabel = "N", description = "number of ISP links, 1..8 (default: as many as rates, 3)")
    Integer links;

    @Option(names = "--rates", split = ",", paramLabel = "RATE", converter = Units.RateConverter.class,
            description = "shaped rate of each link (default: 20mbit,30mbit,50mbit)")
    List<Rate> rates;

    @Option(names = "--shared-gateway", description = "the links are macvlans on one campus network behind one "
            + "gateway (the five-WAN OpenWrt recipe), each with its own address and MAC, instead of one ISP each")
    boolean sharedGateway;

    /** The rates to build with: as given, or the defaults repeated up to --links. */
    List<Rate> resolve() {
        if (rates != null && links != null && rates.size() != links) {
            throw new IllegalArgumentException("--links " + links + " but " + rates.size() + (rates.size() == 1 ? " rate" : " rates") + " given");
        }
        if (rates != null) return rates;
        int n = links == null ? Topology.DEFAULT_RATES.size() : links;
        if (n < 1 || n > Topology.MAX_LINKS) throw new IllegalArgumentException("--links must be 1.." + Topology.MAX_LINKS);
        List<Rate> r = new ArrayList<>();
        for (int i = 0; i < n; i++) r.add(Topology.DEFAULT_RATES.get(i % Topology.DEFAULT_RATES.size()));
        return r;
    }

    Topology topology(String prefix) {
        return sharedGateway ? Topology.campus(prefix, resolve()) : Topology.of(prefix, resolve());
    }
}
