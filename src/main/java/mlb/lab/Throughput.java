package mlb.lab;

import mlb.lab.traffic.Download;
import mlb.lab.traffic.DownloadReport;

import java.util.ArrayList;
import java.util.List;

/**
 * What a batch of parallel downloads achieved. A link's rate is the bytes it carried over the time it was busy
 * (first byte of its first download to the end of its last): this measures whether every line was kept full,
 * independently of how evenly the hash happened to place the downloads. The makespan says how long the whole
 * batch took against the ideal (all bytes over the sum of all rates), which is where uneven placement shows.
 */
public record Throughput(List<Row> rows, double aggregateBitsPerSecond, double sumOfRatesBitsPerSecond,
                         double makespanMs, double idealMs, long broken, int downloads) {
    public record Row(String link, Rate rate, int downloads, long bytes, double busyMs, double bitsPerSecond) {
        public double ofRate() {
            return bitsPerSecond / rate.bitsPerSecond();
        }
    }

    public static Throughput of(DownloadReport report, Topology topology) {
        List<Row> rows = new ArrayList<>();
        double aggregate = 0;
        for (Isp isp : topology.isps()) {
            List<Download> mine = report.downloads().stream()
                    .filter(d -> d.source().equals(isp.routerAddress())).toList();
            long bytes = mine.stream().mapToLong(Download::received).sum();
            double from = mine.stream().mapToDouble(Download::firstByteMs).min().orElse(0);
            double to = mine.stream().mapToDouble(Download::endMs).max().orElse(0);
            double busy = Math.max(0, to - from);
            double bps = busy > 0 ? bytes * 8 / (busy / 1000.0) : 0;
            aggregate += bps;
            rows.add(new Row(isp.name(), isp.rate(), mine.size(), bytes, busy, bps));
        }
        double sum = topology.totalRate().bitsPerSecond();
        double ideal = report.bytes() * 8 / sum * 1000.0;
        double makespan = report.downloads().stream().mapToDouble(Download::endMs).max().orElse(0);
        return new Throughput(rows, aggregate, sum, makespan, ideal, report.broken(), report.downloads().size());
    }

    public double ofSum() {
        return aggregateBitsPerSecond / sumOfRatesBitsPerSecond;
    }
}
