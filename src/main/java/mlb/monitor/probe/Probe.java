package mlb.monitor.probe;

import java.time.Duration;

/**
 * One attempt to reach one target through one link. An implementation answers within timeout (plus the few
 * milliseconds it takes to notice) and reports every failure as {@link Outcome.Failed}; {@link Prober} still
 * guards against one that throws or hangs, so that a broken probe costs its own link a failure and nothing more.
 */
public interface Probe {
    /**
     * @param interval how often this link's targets are asked; a probe that keeps state between rounds (the
     *                 persistent ping) paces itself by it, the others ignore it
     */
    Outcome attempt(ProbeLink link, ProbeTarget target, Duration timeout, Duration interval);
}
