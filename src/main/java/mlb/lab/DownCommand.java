package mlb.lab;

import mlb.proc.SystemRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

@Command(name = "down", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = "Remove the lab: stop its processes and delete every namespace of the prefix. "
                + "Idempotent; works after a crash.")
final class DownCommand extends LabTask {
    @Mixin
    PrefixOption prefix;

    @Override
    int run() {
        Preflight.check();
        List<String> deleted = Lab.down(new SystemRunner(), prefix.value());
        out().println(deleted.isEmpty() ? "no lab '" + prefix.prefix + "' to remove"
                : "removed " + String.join(", ", deleted));
        return 0;
    }
}
