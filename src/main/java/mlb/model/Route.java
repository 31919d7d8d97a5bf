package mlb.model;

/**
 * A route in a table mlb owns. Its identity is table + destination + metric (tos is always 0 for mlb);
 * a change of target is an in-place `route replace`.
 */
public record Route(int table, String dst, long metric, RouteTarget target, int protocol) implements KernelObject {
    public Route {
        Tokens.require(dst, "destination");
        if (table <= 0) throw new IllegalArgumentException("table must be positive: " + table);
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.ROUTE, ObjectKey.pad(table) + " " + dst + " " + ObjectKey.pad(metric));
    }

    /** The selector words that name this route to the kernel. */
    public String selector() {
        String m = metric == 0 ? "" : " metric " + metric;
        return dst + " table " + table + m;
    }

    @Override
    public String describe() {
        String prefix = target instanceof RouteTarget.Unreachable ? "unreachable " : "";
        String suffix = target instanceof RouteTarget.Unreachable ? "" : " " + target.words();
        return prefix + selector() + suffix;
    }
}
