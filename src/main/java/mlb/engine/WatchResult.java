package mlb.engine;

import io.vavr.control.Option;

/** How a confirm watcher's wait ended: nothing to do, a revert (and how it went), or no lock in time. */
public record WatchResult(Ending ending, Option<ApplyResult> revert) {
    public enum Ending { CONFIRMED, REVERTED, GAVE_UP }
}
