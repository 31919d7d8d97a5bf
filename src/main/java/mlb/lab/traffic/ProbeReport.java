package mlb.lab.traffic;

import java.util.List;

/** Probes sent at a fixed interval; startEpochMs places the run on the machine's wall clock. */
public record ProbeReport(long startEpochMs, double intervalMs, List<Probe> probes) {
    public ProbeReport {
        probes = List.copyOf(probes);
    }

    public long failed() {
        return probes.stream().filter(p -> !p.ok()).count();
    }
}
