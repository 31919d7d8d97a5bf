package mlb.lab;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "cut", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = {"Cut an ISP's upstream beyond the router: the ISP drops everything it would forward, while "
                + "the router's interface keeps its carrier and the gateway still answers.",
                "This is the failure a kernel cannot see and only health checks find."})
final class CutCommand extends LabTask {
    @Mixin
    IspArg isp;

    @Override
    int run() {
        isp.change(Lab::cut);
        out().println(isp.link + " upstream cut (carrier stays up; `mlb lab heal " + isp.link + isp.prefix.arg() + "` restores it)");
        return 0;
    }
}
