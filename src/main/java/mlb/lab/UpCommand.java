package mlb.lab;

import mlb.proc.SystemRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "up", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = "Build the lab, start its traffic server, and print the mlb spec that matches it.")
final class UpCommand extends LabTask {
    @Mixin
    PrefixOption prefix;
    @Mixin
    TopologyOptions shape;

    @Mixin
    ModeOption mode;

    @Option(names = "--write-spec", paramLabel = "PATH", description = "also write the spec to PATH")
    Path writeSpec;

    @Option(names = "--no-main-default", description = "leave the router's main table without a default route "
            + "(by default it has one via isp1, as a one-link router has before mlb)")
    boolean noMainDefault;

    @Override
    int run() {
        Topology t = shape.topology(prefix.value());
        String balancing = mode.value();
        Preflight.check();
        SystemRunner runner = new SystemRunner();
        new Lab(runner, t).up(!noMainDefault, msg -> err().println(msg));
        long pid;
        try {
            pid = LabProcesses.startServer(t, LabJvm.current());
        } catch (RuntimeException e) {
            Lab.down(runner, t.prefix());
            throw e;
        }
        out().println("lab '" + t.prefix() + "' is up:");
        Describe.topology(t).forEach(l -> out().println("  " + l));
        out().println("  traffic server pid " + pid + " (log " + LabProcesses.stateDir(t.prefix()) + "/server.log)");
        out().println();
        LabSpec spec = LabSpec.of(t).withMode(balancing);
        // Without --write-spec the spec goes to the lab's run directory (removed by `lab down`): the next command
        // printed names a file that exists.
        Path file = writeSpec != null ? write(writeSpec, spec.toml()) : new RouterMlb(t).write(spec, "lab");
        out().print(spec.toml());
        out().println();
        out().println("# next: mlb plan -f " + file + " --netns " + t.routerNs());
        return 0;
    }

    private Path write(Path path, String spec) {
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            Files.writeString(path, spec);
            err().println("wrote " + path);
            return path;
        } catch (IOException e) {
            throw new LabException(LabException.FAILED, "cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
