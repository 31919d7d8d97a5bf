package mlb.engine;

import mlb.history.Entry;
import mlb.history.Snapshot;

/** One history entry with its whole commit message and its files (spec, plan, commands). */
public record Shown(Entry entry, String message, Snapshot snapshot) {
}
