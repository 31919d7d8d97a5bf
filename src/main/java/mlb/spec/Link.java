package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * One Internet link. weight is the kernel nexthop weight (1..256), already resolved from bandwidth when the
 * spec gave one. table is empty when the spec left it to be assigned; source is empty when it is to be read
 * from the device at plan time. routes are destination prefixes pinned to this link.
 */
public record Link(String name, String dev, String gateway, int weight, Option<Integer> table,
                   Option<String> source, List<String> routes, Check check) {
}
