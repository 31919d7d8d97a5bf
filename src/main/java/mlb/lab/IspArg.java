package mlb.lab;

import mlb.proc.SystemRunner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.function.BiConsumer;

/** `[--prefix NAME] LINK`: one ISP (isp2) of the running lab, as `cut` and `heal` name it. */
final class IspArg {
    @Mixin
    PrefixOption prefix;

    @Parameters(paramLabel = "LINK", description = "The ISP link: isp1, isp2, ... (see `mlb lab status`).")
    String link;

    /** Checks the host, finds the running lab and the ISP in it, and hands both to the change. */
    void change(BiConsumer<Lab, Isp> change) {
        Preflight.check();
        SystemRunner runner = new SystemRunner();
        Lab lab = new Lab(runner, Lab.discover(runner, prefix.value()));
        Topology t = lab.topology();
        change.accept(lab, t.isp(link).orElseThrow(() -> new IllegalArgumentException("no link '" + link
                + "' in the lab (it has " + String.join(", ", t.isps().stream().map(Isp::name).toList()) + ")")));
    }
}
