package mlb.compile;

import io.vavr.collection.Map;
import io.vavr.control.Option;

/**
 * What compiling needs to know about the host: each link device's IPv4 address (none when the device is
 * missing or has no address) and whether resilient nexthop groups exist here. Gathered once, before compiling.
 */
public record Facts(Map<String, Option<String>> addresses, java.util.Set<String> devices, boolean resilientGroups) {
}
