package mlb.lab;

import mlb.proc.SystemRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "bench", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = "Measure mlb on a fresh lab and print one table: shares vs weights, aggregate throughput vs "
                + "the sum of rates, makespan vs ideal, flows broken by a weight change, failover outage.")
final class BenchCommand extends LabTask {
    @Mixin
    PrefixOption prefix;
    @Mixin
    TopologyOptions shape;
    @Mixin
    TrafficOptions traffic;

    @Override
    int run() {
        Topology t = shape.topology(prefix.value());
        traffic.check();
        Preflight.check();
        Bench.Settings s = new Bench.Settings(traffic.connections, traffic.downloads, traffic.size);
        return new Bench(new SystemRunner(), t, s, new Console(out(), 0)).run();
    }
}
