package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.proc.Target;

/**
 * Two states side by side for `mlb diff`: names for both, the target whose kernel was read when one side is the
 * live kernel, the unified diff of their specs (none when one side is the live kernel, which has no spec), and
 * the differing owned objects from the first to the second.
 */
public record Compared(String from, String to, Option<Target> live, Option<String> specDiff, List<String> owned) {
}
