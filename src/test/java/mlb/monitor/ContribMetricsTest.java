package mlb.monitor;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.vavr.control.Option;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * contrib/'s Prometheus alert rules and Grafana dashboard name only metrics the monitor serves (so a renamed metric
 * breaks this test, not someone's alerting), and the rules pass `promtool check rules` (scripts/fetch-promtool).
 */
class ContribMetricsTest {
    private static final Path RULES = Path.of("contrib", "prometheus", "mlb-alerts.yml");
    private static final Path DASHBOARD = Path.of("contrib", "grafana", "mlb-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\bmlb_[a-z_]+");

    /** The names a scrape shows: counters with _total, summaries with their _count and _sum too. */
    private static Set<String> served() {
        Set<String> names = new TreeSet<>();
        try (MonitorMetrics metrics = new MonitorMetrics(Option::none, Clock.systemUTC())) {
            for (MetricSnapshot s : metrics.registry().scrape()) {
                String name = s.getMetadata().getPrometheusName();
                names.add(name);
                if (s instanceof CounterSnapshot) names.add(name + "_total");
                if (s instanceof SummarySnapshot) names.addAll(Set.of(name + "_count", name + "_sum"));
            }
        }
        return names;
    }

    private static Set<String> named(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(file));
        while (m.find()) names.add(m.group());
        return names;
    }

    @Test
    void theRulesAndTheDashboardNameOnlyServedMetrics() throws IOException {
        Set<String> served = served();
        assertTrue(served.contains("mlb_link_state") && served.contains("mlb_monitor_applies_total"), served::toString);
        for (Path file : new Path[]{RULES, DASHBOARD}) {
            Set<String> unknown = new TreeSet<>(named(file));
            unknown.removeAll(served);
            assertEquals(Set.of(), unknown, file + " names metrics the monitor does not serve; it serves " + served);
        }
        assertTrue(named(RULES).containsAll(Set.of("mlb_link_state", "mlb_monitor_start_time_seconds")), "down and not running");
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Process fetch = new ProcessBuilder("scripts/fetch-promtool").redirectError(ProcessBuilder.Redirect.PIPE).start();
        String where = new String(fetch.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String why = new String(fetch.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Assumptions.assumeTrue(fetch.waitFor(120, TimeUnit.SECONDS) && fetch.exitValue() == 0, () -> "no promtool: " + why);
        Process check = new ProcessBuilder(where, "check", "rules", RULES.toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS), "promtool did not end");
        assertEquals(0, check.exitValue(), out);
        assertTrue(out.contains("SUCCESS: 6 rules found"), out);
    }
}
