package mlb.engine;

import mlb.proc.Target;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Watchers that are only bookkeeping: spawned ones are alive until ended (or killed by the test). */
public final class FakeWatchers implements Watchers {
    private final Set<String> alive = new HashSet<>();
    private long next = 1000;

    @Override
    public long spawn(Path stateDir, Target target, Instant deadline, String token, Path log) {
        alive.add(token);
        return next++;
    }

    @Override
    public boolean alive(long pid, String token) {
        return alive.contains(token);
    }

    @Override
    public void end(long pid, String token) {
        alive.remove(token);
    }

    /** As if the watcher process died (a reboot, kill -9). */
    public void killAll() {
        alive.clear();
    }

    public int running() {
        return alive.size();
    }
}
