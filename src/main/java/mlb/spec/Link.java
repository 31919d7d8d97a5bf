package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * One Internet link. weight is the kernel nexthop weight (1..256), already resolved from bandwidth when the
 * spec gave one. onlink says the gateway need not lie inside a network of dev (the kernel's "onlink" flag).
 * table is empty when the spec left it to be assigned; source is empty when it is to be read from the device
 * at plan time. routes are destination prefixes pinned to this link.
 */
public record Link(String name, String dev, String gateway, boolean onlink, int weight, Option<Integer> table,
                   Option<String> source, List<String> routes, Check check) {

    /** A link whose gateway lies in a network of dev, as most are. */
    public Link(String name, String dev, String gateway, int weight, Option<Integer> table,
                Option<String> source, List<String> routes, Check check) {
        this(name, dev, gateway, false, weight, table, source, routes, check);
    }
}
