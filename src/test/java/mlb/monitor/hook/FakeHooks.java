package mlb.monitor.hook;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the events hooks were run for; every hook exits 0 at once. */
public final class FakeHooks implements Hooks {
    private final List<HookEvent> events = new CopyOnWriteArrayList<>();

    public List<HookEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public CompletableFuture<HookOutcome> run(Hook hook, HookEvent event) {
        events.add(event);
        return CompletableFuture.completedFuture(new HookOutcome.Exited(0, Duration.ZERO, "", ""));
    }
}
