package mlb.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `mlb monitor` on a lab's router, as a process of its own (its probes must live in the router's namespace,
 * which mlb enters by itself), with its log and audit history in the lab's run directory. Ready once every
 * link has had its first verdict; closed (SIGTERM) with the lab at the latest, as `lab down` stops it too.
 */
public final class LabMonitor implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(20);
    private final Process process;
    private final Path log;
    private final java.util.function.Consumer<List<String>> atClose;

    private LabMonitor(Process process, Path log, java.util.function.Consumer<List<String>> atClose) {
        this.process = process;
        this.log = log;
        this.atClose = atClose;
    }

    public static LabMonitor start(Topology t, Path spec) {
        return start(t, spec, lines -> { });
    }

    /** The same; atClose gets the monitor's whole log as it is stopped (the next monitor's log replaces it). */
    static LabMonitor start(Topology t, Path spec, java.util.function.Consumer<List<String>> atClose) {
        Path dir = LabProcesses.stateDir(t.prefix());
        Path log = dir.resolve("monitor.log");
        List<String> args = List.of("--state", dir.resolve("audit").toString(), "monitor", "-f", spec.toString(),
                "--netns", t.routerNs());
        // Through the launcher when there is one, as a user starts it: it enters the namespace itself, and must
        // not find the namespace named in its environment (it would take that as already being inside). Else this
        // JVM's java under `ip netns exec`, told where it is.
        java.util.Optional<Path> launcher = LabJvm.launcher();
        List<String> argv = launcher.map(l -> io.vavr.collection.List.of(l.toString()).appendAll(args).asJava())
                .orElseGet(() -> LabJvm.current().mlbIn(t.routerNs(), args));
        try {
            Files.createDirectories(dir);
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (launcher.isPresent()) pb.environment().remove(mlb.proc.Target.INSIDE_ENV);
            else pb.environment().put(mlb.proc.Target.INSIDE_ENV, t.routerNs());
            Process p = pb.start();
            Files.writeString(dir.resolve("monitor.pid"), p.pid() + "\n");
            LabMonitor m = new LabMonitor(p, log, atClose);
            m.awaitVerdicts(t.isps().size());
            return m;
        } catch (IOException e) {
            throw new LabException(LabException.FAILED, "cannot start mlb monitor: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until every link has had its first verdict (the monitor changes nothing before) and the monitor has
     * made its first decision on them (a change, "taking over", or a change it could not make): a fault injected
     * before that would race with the monitor's first read of the kernel.
     */
    private void awaitVerdicts(int links) {
        long until = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < until) {
            List<String> seen = lines();
            if (seen.stream().filter(l -> l.matches(".* isp\\d+ (up|down): .*")).count() >= links
                    && seen.stream().anyMatch(l -> l.matches(".* (balancing over |taking over: |mlb: could not apply).*"))) {
                return;
            }
            if (!process.isAlive()) {
                throw new LabException(LabException.FAILED, "mlb monitor exited: " + String.join("\n", lines()));
            }
            LabProcesses.sleep(50);
        }
        close();
        throw new LabException(LabException.FAILED, "mlb monitor gave no verdict within " + READY.toSeconds() + " s: "
                + String.join("\n", lines()));
    }

    /** The monitor's log so far, one event a line. */
    public List<String> lines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (!process.isAlive()) return;
        atClose.accept(lines());
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
