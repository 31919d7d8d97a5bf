package mlb.init;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import mlb.model.Device;

/** A host as `mlb init` reads it, written down: devices, routes, speeds. */
public record FakeHostLinks(Map<String, Device> devices, List<GatewayRoute> routes, Map<String, Integer> speeds)
        implements HostLinks {
    public FakeHostLinks() {
        this(TreeMap.empty(), List.empty(), HashMap.empty());
    }

    /** An up device with carrier and one address, its default route in main through gateway, and a speed if > 0. */
    public FakeHostLinks uplink(String dev, String address, String gateway, long metric, int speed) {
        return device(new Device(dev, true, true, List.of(new Device.Address(address, 24))))
                .route(new GatewayRoute(dev, "default", Option.of(gateway), "main", metric))
                .speed(dev, speed);
    }

    public FakeHostLinks device(Device d) {
        return new FakeHostLinks(devices.put(d.name(), d), routes, speeds);
    }

    public FakeHostLinks route(GatewayRoute r) {
        return new FakeHostLinks(devices, routes.append(r), speeds);
    }

    public FakeHostLinks speed(String dev, int mbps) {
        return mbps > 0 ? new FakeHostLinks(devices, routes, speeds.put(dev, mbps)) : this;
    }

    @Override
    public Option<Integer> speed(String dev) {
        return speeds.get(dev);
    }
}
