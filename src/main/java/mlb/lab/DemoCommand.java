package mlb.lab;

import mlb.proc.SystemRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "demo", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = {"Build the lab, apply the lab spec with mlb, measure connection shares, parallel download "
                + "throughput and a cut upstream, then tear everything down (also on Ctrl-C)."})
final class DemoCommand extends LabTask {
    @Mixin
    PrefixOption prefix;
    @Mixin
    TopologyOptions shape;

    @Option(names = "--connections", defaultValue = "600", description = "new connections to count (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--downloads", defaultValue = "30", description = "parallel downloads (default: ${DEFAULT-VALUE})")
    int downloads;

    @Option(names = "--size", defaultValue = "2MB", converter = Units.SizeConverter.class,
            description = "bytes per download (default: ${DEFAULT-VALUE})")
    long size;

    @Option(names = "--cut", defaultValue = "isp2", description = "link whose upstream is cut (default: ${DEFAULT-VALUE})")
    String cut;

    @Option(names = "--cut-for", defaultValue = "5s", converter = Units.DurationConverter.class,
            description = "how long the upstream stays cut (default: ${DEFAULT-VALUE})")
    Duration cutFor;

    @Override
    int run() {
        Topology t = shape.topology(prefix.value());
        ClientCommand.Bounds.check(connections, 1, 10_000, "--connections");
        ClientCommand.Bounds.check(downloads, 1, 256, "--downloads");
        ClientCommand.Bounds.check(size, 1_000, 1_000_000_000, "--size");
        Preflight.check();
        Demo.Settings s = new Demo.Settings(connections, downloads, size, cut, cutFor);
        return new Demo(new SystemRunner(), Reconciler.cli(), t, s, new Console(out(), 8)).run();
    }
}
