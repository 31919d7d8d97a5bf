package mlb.lab.traffic;

/** One probe: when it was sent (ms since the run started), whether it was answered, over which source, how fast. */
public record Probe(double atMs, boolean ok, String source, double rttMs, String error) {
}
