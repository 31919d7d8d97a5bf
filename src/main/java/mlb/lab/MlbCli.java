package mlb.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * mlb driven against a lab's router: specs are written to the lab's run directory, and mlb's audit history
 * goes there too (--state), so a demo or test never writes to the host's own history and leaves nothing behind.
 */
public final class MlbCli {
    private final Topology topology;

    public MlbCli(Topology topology) {
        this.topology = topology;
    }

    /** What one mlb command printed, and its exit code. */
    public record Result(int code, String out, String err) {
    }

    public Path write(LabSpec spec, String name) {
        Path file = LabProcesses.stateDir(topology.prefix()).resolve(name + ".toml");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, spec.toml());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result plan(Path spec) {
        return run("plan", "-f", spec.toString(), "--netns", topology.routerNs(), "--state", state());
    }

    public Result apply(Path spec) {
        return run("apply", "-f", spec.toString(), "--netns", topology.routerNs(), "--yes", "--state", state());
    }

    /** Applies or throws with mlb's own error text. */
    public Result applyOrFail(LabSpec spec, String name) {
        Result o = apply(write(spec, name));
        if (o.code() != 0) {
            throw new LabException(LabException.FAILED, "mlb apply failed (exit " + o.code() + "): " + o.err().strip());
        }
        return o;
    }

    public Result destroy() {
        return run("destroy", "--netns", topology.routerNs(), "--yes", "--state", state());
    }

    /** mlb's own command line, in this process. */
    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = mlb.cli.Main.run(o, e, args);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String state() {
        return LabProcesses.stateDir(topology.prefix()).resolve("audit").toString();
    }
}
