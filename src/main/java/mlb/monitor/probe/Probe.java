package mlb.monitor.probe;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One attempt to reach one target through one link. An implementation answers within timeout (plus the few
 * milliseconds it takes to notice) and reports every failure as {@link Outcome.Failed}; {@link Prober} still
 * guards against one that throws or hangs, so that a broken probe costs its own link a failure and nothing more.
 */
public interface Probe {
    Outcome attempt(ProbeLink link, ProbeTarget target, Duration timeout);

    /**
     * An attempt that needs no thread of the prober's: sent now, and its future settled within timeout (plus
     * the moment it takes to notice) by the probe itself. Empty, the default, for an attempt that blocks a thread.
     */
    default Optional<CompletableFuture<Outcome>> begin(ProbeLink link, ProbeTarget target, Duration timeout) {
        return Optional.empty();
    }
}
