package mlb.history;

import io.vavr.collection.List;
import mlb.model.Kind;
import mlb.model.NetState;
import mlb.plan.ChangeLine;

/** How the live owned state differs from the one the last apply recorded: changes made outside mlb. Pure. */
public final class Drift {
    private Drift() {
    }

    /** One line per differing object; empty when the kernel still holds what was recorded. */
    public static List<String> lines(NetState recorded, NetState live) {
        return StateDiff.changes(recorded, comparable(recorded, live)).map(ChangeLine.DRIFT::of);
    }

    /**
     * A sysctl is only mlb's while an entry records it: after a destroy the recorded state has none, and the
     * live value of a setting mlb no longer manages is nobody's drift.
     */
    private static NetState comparable(NetState recorded, NetState live) {
        return new NetState(live.objects().filter((k, o) -> k.kind() != Kind.SYSCTL || recorded.get(k).isDefined()));
    }
}
