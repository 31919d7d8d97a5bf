package mlb.engine;

import io.vavr.collection.List;
import mlb.history.Entry;
import mlb.proc.Target;

import java.nio.file.Path;

/** A target's entries, newest first, and the state directory they were read from. */
public record HistoryResult(Target target, Path stateDir, List<Entry> entries) {
}
