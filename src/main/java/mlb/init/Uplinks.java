package mlb.init;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import mlb.model.Device;

import java.util.Comparator;

/** The uplinks of a target: every device with a default route, or a route through a gateway, in any table. */
public final class Uplinks {
    private Uplinks() {
    }

    /** In device order; each with the route that says most about its gateway. */
    public static List<Uplink> find(HostLinks host) {
        Map<String, Device> devices = host.devices();
        return host.routes()
                .filter(r -> r.isDefault() || r.gateway().isDefined())
                .filter(r -> devices.containsKey(r.dev()) && !r.dev().equals("lo"))
                .groupBy(GatewayRoute::dev)
                .toList()
                .sortBy(e -> e._1)
                .map(e -> uplink(devices.get(e._1).get(), e._2.minBy(BEST).get(), host));
    }

    /** A default route through a gateway first, then any gateway, then a default route without one; main first. */
    private static final Comparator<GatewayRoute> BEST = Comparator
            .comparingInt((GatewayRoute r) -> r.isDefault() && r.gateway().isDefined() ? 0 : r.gateway().isDefined() ? 1 : 2)
            .thenComparing(r -> !r.table().equals("main"))
            .thenComparingLong(GatewayRoute::metric);

    private static Uplink uplink(Device d, GatewayRoute route, HostLinks host) {
        return new Uplink(d.name(), route, d.addresses(), d.up(), d.carrier(), host.speed(d.name()));
    }
}
