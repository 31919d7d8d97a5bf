package mlb.lab;

import mlb.proc.Runner;

import java.util.List;

/**
 * A lab that exists for the length of one command (demo, bench, a test): built with its traffic server, and
 * removed on close, on any failure, and on Ctrl-C (a shutdown hook), whichever comes first.
 */
public final class LabSession implements AutoCloseable {
    private final Runner runner;
    private final Lab lab;
    private final Thread hook;
    private boolean closed;

    private LabSession(Runner runner, Topology topology) {
        this.runner = runner;
        this.lab = new Lab(runner, topology);
        this.hook = new Thread(this::interrupted, "mlb-lab-teardown");
    }

    /** Builds the lab and starts its server; if that fails, nothing is left behind. */
    public static LabSession open(Runner runner, Topology topology, boolean mainDefault) {
        requireAbsent(runner, topology.prefix());
        LabSession s = new LabSession(runner, topology);
        Runtime.getRuntime().addShutdownHook(s.hook); // before building: Ctrl-C while building also cleans up
        try {
            s.lab.up(mainDefault, msg -> { });
            LabProcesses.startServer(topology, LabJvm.current());
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Someone else's lab under this prefix is refused before a session could ever tear it down. */
    public static void requireAbsent(Runner runner, String prefix) {
        List<String> present = Lab.existing(runner, prefix);
        if (!present.isEmpty()) {
            throw new LabException(LabException.FAILED, "a lab with prefix '" + prefix + "' is up ("
                    + String.join(", ", present) + "); use another --prefix, or `mlb lab down --prefix "
                    + prefix + "` to remove it");
        }
    }

    public Lab lab() {
        return lab;
    }

    public Topology topology() {
        return lab.topology();
    }

    public LanClient client() {
        return new LanClient(lab.topology());
    }

    private void interrupted() {
        if (!teardown().isEmpty()) {
            System.err.println("mlb: interrupted; lab '" + lab.topology().prefix() + "' removed");
        }
    }

    /** Deletes the lab's namespaces and stops its processes; idempotent. Returns the namespaces removed. */
    public synchronized List<String> teardown() {
        if (closed) return List.of();
        closed = true;
        return Lab.down(runner, lab.topology().prefix());
    }

    @Override
    public void close() {
        try {
            teardown();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running (or ran) the same teardown.
            }
        }
    }
}
