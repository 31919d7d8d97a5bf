package mlb.lab;

import java.util.List;
import java.util.Optional;

/**
 * The mlb spec that matches a lab: one link per ISP (dev = the router's interface towards it, gateway = the
 * ISP's address, bandwidth = the line's rate, or explicit weights), each checked against the first server.
 */
public record LabSpec(Topology topology, String mode, String hash, Optional<List<Integer>> weights, Tuning tuning) {
    /**
     * Lines a measurement adds to the spec: to [balancer] (e.g. idle_timer), to every [link.check] (e.g. interval),
     * and a [monitor] table (e.g. conntrack_grace). Empty for the lab's own spec.
     */
    public record Tuning(List<String> balancer, List<String> check, List<String> monitor) {
        public static final Tuning NONE = new Tuning(List.of(), List.of(), List.of());

        public Tuning {
            balancer = List.copyOf(balancer);
            check = List.copyOf(check);
            monitor = List.copyOf(monitor);
        }
    }

    public LabSpec {
        if (!mode.equals("route") && !mode.equals("connmark")) throw new IllegalArgumentException("mode: " + mode);
        if (!java.util.Set.of("l3", "l4", "source").contains(hash)) throw new IllegalArgumentException("hash: " + hash);
        weights.ifPresent(w -> {
            if (w.size() != topology.isps().size()) {
                throw new IllegalArgumentException(w.size() + " weights for " + topology.isps().size() + " links");
            }
        });
    }

    public static LabSpec of(Topology topology) {
        return new LabSpec(topology, "route", "l4", Optional.empty(), Tuning.NONE);
    }

    /** route: the kernel's multipath hash per flow; connmark: nftables marks per connection from the LAN. */
    public LabSpec withMode(String mode) {
        return new LabSpec(topology, mode, hash, weights, tuning);
    }

    public LabSpec withHash(String hash) {
        return new LabSpec(topology, mode, hash, weights, tuning);
    }

    public LabSpec withWeights(List<Integer> weights) {
        return new LabSpec(topology, mode, hash, Optional.of(List.copyOf(weights)), tuning);
    }

    public LabSpec tuned(Tuning t) {
        return new LabSpec(topology, mode, hash, weights, t);
    }

    /** Each link's expected share of new flows: its weight (or rate) over the sum. */
    public double share(Isp isp) {
        double mine = weights.map(w -> (double) w.get(isp.index() - 1)).orElse((double) isp.rate().bitsPerSecond());
        double all = weights.map(w -> w.stream().mapToDouble(Integer::doubleValue).sum())
                .orElse((double) topology.totalRate().bitsPerSecond());
        return mine / all;
    }

    public String toml() {
        StringBuilder s = new StringBuilder();
        s.append("# mlb spec for the lab '").append(topology.prefix()).append("' (router namespace ")
                .append(topology.routerNs()).append(")\n");
        s.append("[balancer]\n");
        s.append("mode = \"").append(mode).append("\"\n");
        if (mode.equals("route")) s.append("hash = \"").append(hash).append("\"\n");
        if (mode.equals("connmark")) {
            s.append("lan = [\"").append(Topology.LAN_SUBNET).append("\"]\n");
            s.append("helpers = [\"ftp\"]\n");
        }
        tuning.balancer().forEach(l -> s.append(l).append('\n'));
        if (!tuning.monitor().isEmpty()) {
            s.append("\n[monitor]\n");
            tuning.monitor().forEach(l -> s.append(l).append('\n'));
        }
        for (Isp isp : topology.isps()) {
            s.append("\n[[link]]\n");
            s.append("name = \"").append(isp.name()).append("\"\n");
            s.append("dev = \"").append(isp.name()).append("\"\n");
            s.append("gateway = \"").append(isp.gateway()).append("\"\n");
            if (weights.isPresent()) {
                s.append("weight = ").append(weights.get().get(isp.index() - 1)).append('\n');
            } else {
                s.append("bandwidth = \"").append(isp.rate().tc()).append("\"\n");
            }
            s.append("[link.check]\n");
            s.append("targets = [\"").append(topology.server()).append("\"]\n");
            tuning.check().forEach(l -> s.append(l).append('\n'));
        }
        return s.toString();
    }
}
