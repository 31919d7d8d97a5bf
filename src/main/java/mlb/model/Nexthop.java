package mlb.model;

import java.util.function.Function;

/**
 * A single nexthop object: a gateway on a device, with an id groups and routes refer to. onlink: the gateway is
 * reachable on the device although no network of the device holds it (a point-to-point or /32 line).
 */
public record Nexthop(int id, String gateway, String dev, boolean onlink, int protocol) implements KernelObject {
    /**
     * The gateway of a nexthop or route the kernel holds without one, on its device only (what `via 0.0.0.0`
     * becomes): read so, an owned one can be replaced or removed like any other. Specs never ask for it.
     */
    public static final String NO_GATEWAY = "0.0.0.0";

    public Nexthop {
        if (id <= 0) throw new IllegalArgumentException("nexthop id must be positive: " + id);
        if (gateway.isEmpty() || dev.isEmpty()) throw new IllegalArgumentException("nexthop needs a gateway and a device");
    }

    public Nexthop(int id, String gateway, String dev, int protocol) {
        this(id, gateway, dev, false, protocol);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.nexthop(Kind.NEXTHOP, id);
    }

    @Override
    public <R> R match(Function<Sysctl, R> sysctl, Function<Nexthop, R> nexthop, Function<NexthopGroup, R> group,
                       Function<Route, R> route, Function<Rule, R> rule, Function<NftObject, R> nft) {
        return nexthop.apply(this);
    }
}
