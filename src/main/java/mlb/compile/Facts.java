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
}
