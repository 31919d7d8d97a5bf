package mlb.engine;

import mlb.proc.Target;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** The processes that revert an unconfirmed apply at its deadline (real: a detached `mlb confirm-watch`). */
public interface Watchers {
    /** Starts a watcher for target and returns its pid. */
    long spawn(Path stateDir, Target target, Instant deadline, String token, Path log) throws IOException;

    /** Whether pid is alive and is the watcher holding this token (pids get reused). */
    boolean alive(long pid, String token);

    /** Ends the watcher, only if pid is still that watcher. */
    void end(long pid, String token);
}
