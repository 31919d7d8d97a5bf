package mlb.history;

import io.vavr.collection.List;
import mlb.model.Kind;
import mlb.model.NetState;
import mlb.plan.Change;
import mlb.plan.Diff;

/** How the live owned state differs from the one the last apply recorded: changes made outside mlb. Pure. */
public final class Drift {
    private Drift() {
    }

    /** One line per differing object; empty when the kernel still holds what was recorded. */
    public static List<String> lines(NetState recorded, NetState live) {
        return Diff.plan(recorded, comparable(recorded, live), List.empty()).changes()
                .filter(c -> !(c instanceof Change.Replace r && r.before().equals(r.after())))
                .map(Drift::line);
    }

    /**
     * A sysctl is only mlb's while an entry records it: after a destroy the recorded state has none, and the
     * live value of a setting mlb no longer manages is nobody's drift.
     */
    private static NetState comparable(NetState recorded, NetState live) {
        return new NetState(live.objects().filter((k, o) -> k.kind() != Kind.SYSCTL || recorded.get(k).isDefined()));
    }

    private static String line(Change c) {
        if (c instanceof Change.Create cr) return "+ " + cr.after().describe() + "   (not in the recorded state)";
        if (c instanceof Change.Delete d) return "- " + d.before().describe() + "   (recorded, now missing)";
        if (c instanceof Change.Update u) return "~ " + u.after().describe() + "   (recorded: " + u.before().describe() + ")";
        Change.Replace r = (Change.Replace) c;
        return "~ " + r.after().describe() + "   (recorded: " + r.before().describe() + ")";
    }
}
