package mlb.init;

import io.vavr.control.Option;

/**
 * One IPv4 route (or one nexthop of a multipath route) out of a device, as `ip -j route show table all` lists
 * it: its destination ("default" or a prefix), the gateway it goes through if any, its table and metric.
 */
public record GatewayRoute(String dev, String dst, Option<String> gateway, String table, long metric) {
    boolean isDefault() {
        return dst.equals("default") || dst.equals("0.0.0.0/0");
    }

    /** Where it came from, as a comment says it: "the default route via wan1 (table main, metric 100)". */
    String describe() {
        String what = isDefault() ? "the default route" : "the route to " + dst;
        return what + " via " + dev + " (table " + table + (metric > 0 ? ", metric " + metric : "") + ")";
    }
}
