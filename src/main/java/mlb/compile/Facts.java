package mlb.compile;

import io.vavr.collection.Map;
import io.vavr.control.Option;
import mlb.model.Device;

/**
 * What compiling needs to know about the host: the links' devices as the kernel reports them (absent: no such
 * device) and whether resilient nexthop groups exist here. Gathered once, before compiling.
 */
public record Facts(Map<String, Device> devices, boolean resilientGroups) {
    public Option<Device> device(String name) {
        return devices.get(name);
    }

    /** The same with that device's carrier lost, as the kernel would report it then (a what-if). */
    public Facts withoutCarrier(String dev) {
        return new Facts(devices.computeIfPresent(dev, (name, d) -> new Device(d.name(), d.up(), false, d.addresses()))._2,
                resilientGroups);
    }
}
