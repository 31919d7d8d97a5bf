package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * One Internet link. weight is the kernel nexthop weight (1..256), already resolved from bandwidth when the
 * spec gave one. onlink says the gateway need not lie inside a network of dev (the kernel's "onlink" flag).
 * table is empty when the spec left it to be assigned; source is empty when it is to be read from the device
 * at plan time. routes are destination prefixes pinned to this link. In connmark mode, nat says whether
 * connections leaving by this link are masqueraded to its address, and mark is the link's mark (within the
 * balancer's mark mask; empty: assigned by name order).
 */
public record Link(String name, String dev, String gateway, boolean onlink, int weight, Option<Integer> table,
                   Option<String> source, List<String> routes, Check check, boolean nat, Option<Long> mark) {

    /** A link of a route-mode spec (connmark mode's nat and mark at their defaults). */
    public Link(String name, String dev, String gateway, boolean onlink, int weight, Option<Integer> table,
                Option<String> source, List<String> routes, Check check) {
        this(name, dev, gateway, onlink, weight, table, source, routes, check, true, Option.none());
    }

    /** A link whose gateway lies in a network of dev, as most are. */
    public Link(String name, String dev, String gateway, int weight, Option<Integer> table,
                Option<String> source, List<String> routes, Check check) {
        this(name, dev, gateway, false, weight, table, source, routes, check);
    }
}
