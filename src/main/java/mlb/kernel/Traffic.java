package mlb.kernel;

/** What went through a device since it came up, as the kernel counts it. */
public record Traffic(long rxBytes, long txBytes, long rxPackets, long txPackets) {
}
