package mlb.kernel;

import io.vavr.collection.Map;
import io.vavr.control.Option;
import mlb.model.Device;

/** What compiling a spec needs to know about the target's interfaces and kernel. */
public interface Devices {
    /** Every device of the target, by name, with its state and global IPv4 addresses: one read for all. */
    Map<String, Device> all();

    default Option<Device> device(String name) {
        return all().get(name);
    }

    /** The first global IPv4 address of a device, if it exists and has one. */
    default Option<String> ipv4Address(String dev) {
        return device(dev).flatMap(Device::firstAddress);
    }

    /** The device's byte and packet counters; none when it does not exist. */
    Option<Traffic> traffic(String dev);

    /** Whether this process may change routing (has CAP_NET_ADMIN); the tools it runs inherit that. */
    boolean mayChangeRouting();

    /** Whether nexthop groups of type resilient can be created here. */
    boolean resilientGroups();
}
