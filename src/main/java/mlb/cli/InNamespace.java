package mlb.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs this very mlb command again inside a network namespace (`ip netns exec NS java ... mlb ...`, argv only),
 * so that its probes' sockets and programs live there. This process waits for it, passes SIGTERM on (by
 * destroying it) and SIGHUP on (a reload), and ends with its exit code.
 */
final class InNamespace {
    private InNamespace() {
    }

    static int run(String netns, List<String> mlbArgs, PrintStream err) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", netns, javaBinary()));
        argv.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "mlb.cli.Main"));
        argv.addAll(mlbArgs);
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        pb.environment().put(mlb.proc.Target.INSIDE_ENV, netns);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            err.println("mlb: error: cannot run mlb inside " + netns + ": " + e.getMessage() + " (install iproute2)");
            return mlb.view.Exit.MISSING;
        }
        Thread stop = new Thread(() -> end(child), "mlb-netns-child");
        Runtime.getRuntime().addShutdownHook(stop);
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> hangup(child));
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return mlb.view.Exit.INTERRUPTED;
        }
    }

    private static void end(Process child) {
        if (!child.isAlive()) return;
        child.destroy();
        try {
            if (!child.waitFor(15, TimeUnit.SECONDS)) child.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void hangup(Process child) {
        try {
            new ProcessBuilder("kill", "-HUP", String.valueOf(child.pid()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            // No kill program: a reload can still be asked by touching the spec file.
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }
}
