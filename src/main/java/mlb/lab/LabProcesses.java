package mlb.lab;

import mlb.proc.Runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The lab's background processes (the traffic server). Their pids are recorded under /run/mlb-lab/PREFIX, and a
 * process is only ever signalled when its pid is recorded or lives in a namespace of the lab, and its command
 * line shows it is one of the lab's own tools.
 */
final class LabProcesses {
    private static final Path RUN = Path.of("/run/mlb-lab");
    private static final Duration READY = Duration.ofSeconds(30);

    private LabProcesses() {
    }

    static Path stateDir(String prefix) {
        return RUN.resolve(prefix);
    }

    /**
     * The lab's pictures (TimelineFiles): beside its run directory, not in it, so they outlive `lab down`; a prefix
     * has no dot, so this is no other lab's run directory.
     */
    static Path timelinesDir(String prefix) {
        return RUN.resolve(prefix + ".timelines");
    }

    /** Starts the traffic server in the internet namespace and waits until it listens. */
    static long startServer(Topology t, LabJvm jvm) {
        Path dir = stateDir(t.prefix());
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("server.log");
            List<String> argv = jvm.argv(t.internetNs(), List.of("serve", "--port", String.valueOf(Topology.PORT),
                    "--also-port", String.valueOf(mlb.lab.traffic.Protocol.FTP_PORT)));
            Process p = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Files.writeString(dir.resolve("server.pid"), p.pid() + "\n");
            awaitListening(p, log);
            return p.pid();
        } catch (IOException e) {
            throw new LabException(LabException.FAILED, "cannot start the traffic server: " + e.getMessage(), e);
        }
    }

    private static void awaitListening(Process p, Path log) throws IOException {
        long until = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < until) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (text.contains("listening")) return;
            if (!p.isAlive()) {
                throw new LabException(LabException.FAILED, "the traffic server exited: " + text.strip());
            }
            sleep(50);
        }
        p.destroyForcibly();
        throw new LabException(LabException.FAILED, "the traffic server did not start within " + READY.toSeconds() + " s");
    }

    /** Stops every lab tool of this prefix (recorded pids and lab tools inside its namespaces). */
    static void stopAll(Runner runner, String prefix) {
        Set<Long> pids = new LinkedHashSet<>(recorded(prefix));
        for (String ns : Lab.existing(runner, prefix)) pids.addAll(inNamespace(runner, ns));
        List<ProcessHandle> stopping = new ArrayList<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).filter(h -> isLabTool(h, prefix)).ifPresent(h -> {
                h.destroy();
                stopping.add(h);
            });
        }
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        for (ProcessHandle h : stopping) {
            while (h.isAlive() && System.nanoTime() < until) sleep(20);
            if (h.isAlive()) h.destroyForcibly();
        }
        deleteStateDir(prefix);
    }

    private static List<Long> recorded(String prefix) {
        Path dir = stateDir(prefix);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pid"))
                    .map(LabProcesses::readPid).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<Long> inNamespace(Runner runner, String ns) {
        Runner.Result r = runner.run(List.of("ip", "netns", "pids", ns));
        if (!r.ok()) return List.of();
        return r.stdout().lines().map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
    }

    /**
     * Reads /proc/PID/cmdline: a recycled pid that now belongs to something else is never signalled. A lab tool
     * runs the lab's main class, or is mlb itself (the monitor) working in this lab's run directory.
     */
    private static boolean isLabTool(ProcessHandle h, String prefix) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(h.pid()), "cmdline"));
            String cmdline = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
            return cmdline.contains(LabJvm.MAIN_CLASS)
                    || cmdline.contains(LabJvm.MLB_CLASS) && cmdline.contains(stateDir(prefix) + "/");
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the lab's run directory (pid files, logs, specs, mlb's audit history for the lab), depth first. */
    private static void deleteStateDir(String prefix) {
        Path dir = stateDir(prefix);
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(LabException.FAILED, "interrupted");
        }
    }
}
