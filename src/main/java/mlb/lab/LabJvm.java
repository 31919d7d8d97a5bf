package mlb.lab;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the lab starts its own traffic tools inside a namespace: the java binary and class path of this very
 * process, under `ip netns exec NS`, running {@link LabMain}. Java cannot enter a namespace by itself.
 */
record LabJvm(String java, String classpath) {
    /** Marker the lab looks for in a process's command line before it ever signals it. */
    static final String MAIN_CLASS = "mlb.lab.LabMain";
    /** mlb's own entry point, for the monitor the lab runs. */
    static final String MLB_CLASS = "mlb.cli.Main";
    // Small, quick-starting JVMs: the tools move bytes, they do not need a JIT's best code or a big heap.
    private static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xmx96m", "-Xss512k");

    static LabJvm current() {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        return new LabJvm(java, System.getProperty("java.class.path"));
    }

    /**
     * The flags the launcher gives `mlb monitor`: a small heap that grows when a big spec needs it, C1 only, small
     * stacks and code cache, so the monitor stays near 75 MiB resident.
     */
    static final List<String> MONITOR_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms8m",
            "-Xmx512m", "-Xss256k", "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=128m", "-XX:CICompilerCount=1",
            "-XX:PerfDataSamplingInterval=1000");

    /**
     * mlb itself with these arguments, run inside ns by `ip netns exec` directly (the launcher does the same for
     * `mlb monitor --netns`), so no second JVM waits outside; the environment names the namespace it is in.
     */
    List<String> mlbIn(String ns, List<String> mlbArgs) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, java, "-cp", classpath));
        argv.addAll(MONITOR_OPTIONS);
        argv.add(MLB_CLASS);
        argv.addAll(mlbArgs);
        return argv;
    }

    /**
     * The launcher this mlb was started by (`./mlb` of a checkout, /usr/bin/mlb of the package), when there is
     * one: the lab starts `mlb monitor` through it, as a user does, so the bench measures the user's path.
     */
    static Optional<Path> launcher() {
        String home = System.getProperty("mlb.home");
        if (home == null) return Optional.empty();
        Path p = "package".equals(System.getProperty("mlb.layout")) ? Path.of("/usr/bin/mlb") : Path.of(home, "mlb");
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    List<String> argv(String ns, List<String> labArgs) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, java, "-cp", classpath));
        argv.addAll(OPTIONS);
        argv.add(MAIN_CLASS);
        argv.addAll(labArgs);
        return argv;
    }
}
