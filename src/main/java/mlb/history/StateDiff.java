package mlb.history;

import io.vavr.collection.List;
import mlb.model.Change;
import mlb.model.NetState;
import mlb.plan.ChangeLine;
import mlb.plan.Diff;

/** The differences between two owned states, one line per object, for `mlb diff`. Pure. */
public final class StateDiff {
    private StateDiff() {
    }

    public static List<String> lines(NetState from, NetState to) {
        return changes(from, to).map(ChangeLine.DIFF::of);
    }

    /** The objects that differ; a route recreated only because its group is replaced is not a difference. */
    static List<Change> changes(NetState from, NetState to) {
        return Diff.changes(from, to).filter(c -> !(c instanceof Change.Replace r && r.recreated()));
    }
}
