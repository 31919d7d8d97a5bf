package mlb.monitor.hook;

import java.util.concurrent.CompletableFuture;

/** Runs hooks without blocking the caller; the outcome comes as a value, never as an exception. */
public interface Hooks {
    CompletableFuture<HookOutcome> run(Hook hook, HookEvent event);
}
