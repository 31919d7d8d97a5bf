package mlb.model;

/** One read of the kernel: the owned state, and a summary of what is not ours. */
public record Observed(NetState owned, Foreign foreign) {
}
