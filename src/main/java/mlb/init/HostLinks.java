package mlb.init;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import mlb.model.Device;

/** What `mlb init` reads of a target: its devices, its IPv4 routes, the speed of a device. Reads only. */
public interface HostLinks {
    Map<String, Device> devices();

    /** Every IPv4 unicast route of every table that goes out of a device, one per nexthop. */
    List<GatewayRoute> routes();

    /** The device's speed in Mb/s, none where the kernel does not know it (virtual devices, no carrier). */
    Option<Integer> speed(String dev);
}
