package mlb.lab;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "heal", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = "Restore an ISP's upstream after `mlb lab cut`. Idempotent.")
final class HealCommand extends LabTask {
    @Mixin
    IspArg isp;

    @Override
    int run() {
        isp.change(Lab::heal);
        out().println(isp.link + " upstream restored");
        return 0;
    }
}
