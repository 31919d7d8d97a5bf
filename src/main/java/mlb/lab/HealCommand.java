package mlb.lab;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "heal", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = "Restore an ISP's upstream after `mlb lab cut`. Idempotent.")
final class HealCommand extends LabTask {
    @Mixin
    PrefixOption prefix;

    @Parameters(paramLabel = "LINK", description = "isp1, isp2, ...")
    String link;

    @Override
    int run() {
        Preflight.check();
        Lab lab = IspArg.lab(prefix.value());
        lab.heal(IspArg.isp(lab.topology(), link));
        out().println(link + " upstream restored");
        return 0;
    }
}
