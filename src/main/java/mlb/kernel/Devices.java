package mlb.kernel;

import io.vavr.control.Option;

/** What compiling a spec needs to know about the target's interfaces and kernel. */
public interface Devices {
    boolean exists(String dev);

    /** The first global IPv4 address of a device, if it exists and has one. */
    Option<String> ipv4Address(String dev);

    /** The device's byte and packet counters; none when it does not exist. */
    Option<Traffic> traffic(String dev);

    /** Whether nexthop groups of type resilient can be created here. */
    boolean resilientGroups();
}
