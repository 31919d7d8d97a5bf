package mlb.lab.traffic;

import java.util.List;

/**
 * A batch of parallel downloads; startEpochMs places it on the wall clock of the machine. sampledAtMs: when
 * (ms since the start) every download's progress was read, about every 100 ms; empty when not sampled.
 */
public record DownloadReport(long startEpochMs, double makespanMs, List<Download> downloads, List<Double> sampledAtMs) {
    public DownloadReport {
        downloads = List.copyOf(downloads);
        sampledAtMs = sampledAtMs == null ? List.of() : List.copyOf(sampledAtMs);
    }

    public DownloadReport(long startEpochMs, double makespanMs, List<Download> downloads) {
        this(startEpochMs, makespanMs, downloads, List.of());
    }

    public long bytes() {
        return downloads.stream().mapToLong(Download::received).sum();
    }

    public long broken() {
        return downloads.stream().filter(d -> !d.complete()).count();
    }
}
