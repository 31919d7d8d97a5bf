package mlb.lab;

import mlb.view.TextTable;
import mlb.proc.SystemRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = "Show the running lab: its links, their rates, and which upstreams are cut.")
final class StatusCommand extends LabTask {
    @Mixin
    PrefixOption prefix;

    @Override
    int run() {
        Preflight.check();
        SystemRunner runner = new SystemRunner();
        Topology t = Lab.discover(runner, prefix.value());
        Lab lab = new Lab(runner, t);
        TextTable table = new TextTable("link", "namespace", "router address", "gateway", "rate", "upstream");
        for (Isp i : t.isps()) {
            table.row(i.name(), t.ispNs(i), i.routerAddress(), i.gateway(), i.rate(), lab.isCut(i) ? "CUT" : "up");
        }
        out().print(table.render(""));
        return 0;
    }
}
