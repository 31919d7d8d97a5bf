package mlb.lab.traffic;

import java.util.List;

/** A batch of parallel downloads; startEpochMs places it on the wall clock of the machine. */
public record DownloadReport(long startEpochMs, double makespanMs, List<Download> downloads) {
    public DownloadReport {
        downloads = List.copyOf(downloads);
    }

    public long bytes() {
        return downloads.stream().mapToLong(Download::received).sum();
    }

    public long broken() {
        return downloads.stream().filter(d -> !d.complete()).count();
    }
}
