package mlb.init;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.Device;

/**
 * A device the host routes through, with what the kernel knows of it. route: the route that makes it an uplink
 * (a default route, else one through a gateway). speed: Mb/s, where the driver reports one.
 */
public record Uplink(String dev, GatewayRoute route, List<Device.Address> addresses, boolean up, boolean carrier,
                     Option<Integer> speed) {
}
