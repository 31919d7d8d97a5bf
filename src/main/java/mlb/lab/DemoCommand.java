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
    @Mixin
    TrafficOptions traffic;

    @Option(names = "--cut", defaultValue = "isp2", description = "link whose upstream is cut (default: ${DEFAULT-VALUE})")
    String cut;

    @Option(names = "--cut-for", defaultValue = "5s", converter = Units.DurationConverter.class,
            description = "how long the upstream stays cut (default: ${DEFAULT-VALUE})")
    Duration cutFor;

    @Mixin
    ModeOption mode;

    @Override
    int run() {
        Topology t = shape.topology(prefix.value());
        traffic.check();
        Preflight.check();
        Demo.Settings s = new Demo.Settings(traffic.connections, traffic.downloads, traffic.size, cut, cutFor, mode.value());
        return new Demo(new SystemRunner(), t, s, new Console(out(), 8)).run();
    }
}
