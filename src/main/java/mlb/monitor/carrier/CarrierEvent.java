package mlb.monitor.carrier;

/** The kernel said a device has (or has lost) its carrier; a deleted device has none. */
public record CarrierEvent(String dev, boolean carrier) {
}
