package mlb.monitor.carrier;

/**
 * The kernel said a device has (or has lost) its carrier; a deleted device has none. up: the device itself is up
 * (a device set down loses more than its carrier). generation: the count of the kernel's events this one made
 * (see {@link mlb.kernel.Generation}), 0 when not counted.
 */
public record CarrierEvent(String dev, boolean carrier, boolean up, long generation) {
    public CarrierEvent(String dev, boolean carrier) {
        this(dev, carrier, carrier, 0);
    }

    /** The same event, counted as the kernel's event number generation. */
    public CarrierEvent counted(long generation) {
        return new CarrierEvent(dev, carrier, up, generation);
    }
}
