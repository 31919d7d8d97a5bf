package mlb.history;

import io.vavr.collection.List;
import mlb.model.NetState;
import mlb.plan.Change;
import mlb.plan.Diff;

/** The differences between two owned states, one line per object, for `mlb diff`. Pure. */
public final class StateDiff {
    private StateDiff() {
    }

    public static List<String> lines(NetState from, NetState to) {
        return Diff.plan(from, to, List.empty()).changes()
                .filter(c -> !(c instanceof Change.Replace r && r.before().equals(r.after())))
                .map(StateDiff::line);
    }

    private static String line(Change c) {
        if (c instanceof Change.Create cr) return "+ " + cr.after().describe();
        if (c instanceof Change.Delete d) return "- " + d.before().describe();
        if (c instanceof Change.Update u) return "~ " + u.after().describe() + "   (was: " + u.before().describe() + ")";
        Change.Replace r = (Change.Replace) c;
        return "~ " + r.after().describe() + "   (was: " + r.before().describe() + ")";
    }
}
