package mlb.lab;

import mlb.lab.traffic.WhoamiReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which link each connection took (known from the source the server saw), against the spec's weights. */
public record Shares(List<Row> rows, int other, int failed, int total) {
    /** expected and measured are fractions of all attempted connections. */
    public record Row(String link, double expected, int count, double measured) {
        public double deviation() {
            return measured - expected;
        }
    }

    public static Shares of(WhoamiReport report, LabSpec spec) {
        List<Row> rows = new ArrayList<>();
        int attributed = 0;
        int total = Math.max(1, report.attempted());
        for (Isp isp : spec.topology().isps()) {
            int n = report.sources().getOrDefault(isp.routerAddress(), 0);
            attributed += n;
            rows.add(new Row(isp.name(), spec.share(isp), n, n / (double) total));
        }
        return new Shares(rows, report.answered() - attributed, report.failed(), report.attempted());
    }

    /** Largest distance between measured and expected share, in percentage points. */
    public double worstDeviationPoints() {
        return rows.stream().mapToDouble(r -> Math.abs(r.deviation()) * 100).max().orElse(0);
    }

    /** Links that carried at least one connection. */
    public long linksUsed() {
        return rows.stream().filter(r -> r.count() > 0).count();
    }

    public Map<String, Integer> counts() {
        java.util.Map<String, Integer> m = new java.util.LinkedHashMap<>();
        rows.forEach(r -> m.put(r.link(), r.count()));
        return m;
    }
}
