package mlb.init;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.kernel.ip.IpJson;

/** `ip -4 -j route show table all` → the routes out of a device, one per nexthop of a multipath route. */
final class RouteJson {
    private RouteJson() {
    }

    static List<GatewayRoute> routes(String json) {
        List<GatewayRoute> out = List.empty();
        for (JsonNode r : IpJson.tree(json)) {
            if (!r.path("type").asText("unicast").equals("unicast")) continue;
            String dst = r.path("dst").asText("default");
            String table = r.path("table").asText("main");
            long metric = r.path("metric").asLong(0);
            List<JsonNode> hops = r.has("nexthops") ? List.ofAll(r.path("nexthops")) : List.of(r);
            for (JsonNode hop : hops) {
                if (!hop.hasNonNull("dev")) continue;
                out = out.append(new GatewayRoute(hop.path("dev").asText(), dst,
                        Option.of(hop.path("gateway").asText(null)), table, metric));
            }
        }
        return out;
    }
}
