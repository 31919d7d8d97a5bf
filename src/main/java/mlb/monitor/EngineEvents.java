package mlb.monitor;

import mlb.engine.Event;
import mlb.engine.Listener;

import java.time.Clock;
import java.time.Instant;

/**
 * What the monitor hears from the engine: warnings go to its log, and the moment a write begins is kept, so the
 * log can say how long a verdict took to reach the kernel.
 */
final class EngineEvents extends Listener.Quiet {
    private final Log log;
    private final Clock clock;
    private volatile Instant writing = Instant.EPOCH;

    EngineEvents(Log log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void warning(Event.Warning e) {
        log.problem("warning: " + e.text());
    }

    @Override
    public void applying(Event.Applying e) {
        writing = clock.instant();
    }

    Instant writing() {
        return writing;
    }
}
