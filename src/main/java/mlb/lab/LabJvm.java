package mlb.lab;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

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

    /** mlb itself with these arguments, in the root namespace (the monitor enters the router's by itself). */
    List<String> mlb(List<String> mlbArgs) {
        List<String> argv = new ArrayList<>(List.of(java, "-cp", classpath));
        argv.addAll(OPTIONS);
        argv.add(MLB_CLASS);
        argv.addAll(mlbArgs);
        return argv;
    }

    List<String> argv(String ns, List<String> labArgs) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, java, "-cp", classpath));
        argv.addAll(OPTIONS);
        argv.add(MAIN_CLASS);
        argv.addAll(labArgs);
        return argv;
    }
}
