package mlb.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * mlb driven against a lab's router: specs are written to the lab's run directory, and mlb's audit history
 * goes there too (--state), so a demo or test never writes to the host's own history and leaves nothing behind.
 */
public final class MlbCli {
    private final Reconciler mlb;
    private final Topology topology;

    public MlbCli(Reconciler mlb, Topology topology) {
        this.mlb = mlb;
        this.topology = topology;
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

    public Reconciler.Outcome plan(Path spec) {
        return mlb.capture("plan", "-f", spec.toString(), "--netns", topology.routerNs(), "--state", state());
    }

    public Reconciler.Outcome apply(Path spec) {
        return mlb.capture("apply", "-f", spec.toString(), "--netns", topology.routerNs(), "--yes", "--state", state());
    }

    /** Applies or throws with mlb's own error text. */
    public Reconciler.Outcome applyOrFail(LabSpec spec, String name) {
        Reconciler.Outcome o = apply(write(spec, name));
        if (o.code() != 0) {
            throw new LabException(LabException.FAILED, "mlb apply failed (exit " + o.code() + "): " + o.err().strip());
        }
        return o;
    }

    public Reconciler.Outcome destroy() {
        return mlb.capture("destroy", "--netns", topology.routerNs(), "--yes", "--state", state());
    }

    private String state() {
        return LabProcesses.stateDir(topology.prefix()).resolve("audit").toString();
    }
}
