package mlb.lab;

import mlb.proc.SystemRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "spec", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = "Print the mlb spec for the running lab.")
final class SpecCommand extends LabTask {
    @Mixin
    PrefixOption prefix;

    @Option(names = "--hash", defaultValue = "l4", paramLabel = "HASH", description = "l3, l4 or source (default: ${DEFAULT-VALUE})")
    String hash;

    @Mixin
    ModeOption mode;

    @Option(names = "--weights", split = ",", paramLabel = "WEIGHT",
            description = "explicit weights, one per link in order, instead of the links' bandwidths")
    List<Integer> weights;

    @Override
    int run() {
        Preflight.check();
        Topology t = Lab.discover(new SystemRunner(), prefix.value());
        LabSpec spec = LabSpec.of(t).withHash(hash).withMode(mode.value());
        if (weights != null) spec = spec.withWeights(weights);
        out().print(spec.toml());
        return 0;
    }
}
