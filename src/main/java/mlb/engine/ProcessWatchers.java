package mlb.engine;

import mlb.history.Private;
import mlb.proc.Target;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The watcher must outlive the apply that started it, so it is a new JVM in its own session (setsid, when
 * present: no terminal hangup reaches it), with stdin from /dev/null and its output in a log under the state
 * directory. It runs mlb's hidden `confirm-watch` command.
 */
final class ProcessWatchers implements Watchers {
    private static final String MAIN = "mlb.cli.Main";

    @Override
    public long spawn(Path stateDir, Target target, Instant deadline, String token, Path log) throws IOException {
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) argv.add("/usr/bin/setsid");
        argv.addAll(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"), MAIN,
                "--state", stateDir.toAbsolutePath().toString(), "confirm-watch",
                "--deadline", String.valueOf(deadline.toEpochMilli()), "--token", token));
        target.netns().ifPresent(n -> argv.addAll(List.of("--netns", n)));
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

    @Override
    public boolean alive(long pid, String token) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isPresent() && p.get().isAlive()
                && p.get().info().commandLine().map(c -> c.contains("confirm-watch") && c.contains(token)).orElse(false);
    }

    @Override
    public void end(long pid, String token) {
        if (alive(pid, token)) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
}
