package mlb.history;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The process that reverts an unconfirmed apply at its deadline. It must outlive the apply that started it,
 * so it is a new JVM in its own session (setsid, when present: no terminal hangup reaches it), with stdin from
 * /dev/null and its output in a log under the state directory.
 */
public final class Watcher {
    private Watcher() {
    }

    /** Starts `mlb confirm-watch` for a target and returns its pid. */
    public static long spawn(List<String> mlbArgs, Path log) throws IOException {
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) argv.add("/usr/bin/setsid");
        argv.add(javaBinary());
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add("mlb.cli.Main");
        argv.addAll(mlbArgs);
        Private.file(log);
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        // setsid execs in place when the child is not a group leader, so the pid is the JVM's.
        return pb.start().pid();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Whether pid is alive and is the watcher holding this token (pids get reused). */
    public static boolean isWatcher(long pid, String token) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isPresent() && p.get().isAlive()
                && p.get().info().commandLine().map(c -> c.contains("confirm-watch") && c.contains(token)).orElse(false);
    }

    /** Ends the watcher, only if pid is still that watcher. */
    public static void end(long pid, String token) {
        if (isWatcher(pid, token)) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
}
