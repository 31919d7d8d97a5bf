package mlb.lab;

import mlb.proc.SystemRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cut", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = {"Cut an ISP's upstream beyond the router: the ISP drops everything it would forward, while "
                + "the router's interface keeps its carrier and the gateway still answers.",
                "This is the failure a kernel cannot see and only health checks find."})
final class CutCommand extends LabTask {
    @Mixin
    PrefixOption prefix;

    @Parameters(paramLabel = "LINK", description = "isp1, isp2, ...")
    String link;

    @Override
    int run() {
        Preflight.check();
        Lab lab = IspArg.lab(prefix.value());
        lab.cut(IspArg.isp(lab.topology(), link));
        out().println(link + " upstream cut (carrier stays up; `mlb lab heal " + link + "` restores it)");
        return 0;
    }
}
