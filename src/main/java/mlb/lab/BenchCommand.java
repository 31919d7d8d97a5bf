package mlb.lab;

import mlb.proc.SystemRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = "Measure mlb on a fresh lab and print one table: shares vs weights, aggregate throughput vs "
                + "the sum of rates, makespan vs ideal, flows broken by a weight change, failover outage.")
final class BenchCommand extends LabTask {
    @Mixin
    PrefixOption prefix;
    @Mixin
    TopologyOptions shape;

    @Option(names = "--connections", defaultValue = "600")
    int connections;

    @Option(names = "--downloads", defaultValue = "30")
    int downloads;

    @Option(names = "--size", defaultValue = "2MB", converter = Units.SizeConverter.class)
    long size;

    @Override
    int run() {
        Topology t = shape.topology(prefix.value());
        ClientCommand.Bounds.check(connections, 1, 10_000, "--connections");
        ClientCommand.Bounds.check(downloads, 1, 256, "--downloads");
        ClientCommand.Bounds.check(size, 1_000, 1_000_000_000, "--size");
        Preflight.check();
        Bench.Settings s = new Bench.Settings(connections, downloads, size);
        return new Bench(new SystemRunner(), Reconciler.cli(), t, s, new Console(out(), 0)).run();
    }
}
