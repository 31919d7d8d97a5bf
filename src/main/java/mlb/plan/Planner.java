package mlb.plan;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.model.Foreign;
import mlb.model.KernelObject;
import mlb.model.Kind;
import mlb.model.NetState;
import mlb.model.ObjectKey;
import mlb.model.Observed;
import mlb.model.Scope;

/** Turns one read of the kernel and a desired state into a plan, refusing to take over foreign objects. */
public final class Planner {
    private Planner() {
    }

    public static Validation<List<String>, Plan> plan(Observed observed, NetState desired, Scope scope, List<String> notes) {
        Foreign f = observed.foreign();
        List<String> conflicts = f.colliding().isEmpty() ? List.empty() : desired.objects().iterator()
                .flatMap(e -> colliding(f, e._1, e._2).map(Planner::conflict))
                .toList();
        if (!conflicts.isEmpty()) return Validation.invalid(conflicts);
        return Validation.valid(Plan.of(observed.owned(), desired, notes.appendAll(foreignNote(f)), scope));
    }

    /** The foreign object with the identity o wants; nexthops and groups share one id space in the kernel. */
    private static Option<KernelObject> colliding(Foreign f, ObjectKey key, KernelObject o) {
        Option<KernelObject> same = f.colliding().get(key);
        if (same.isDefined() || o.kind() != Kind.NEXTHOP && o.kind() != Kind.GROUP) return same;
        Kind other = o.kind() == Kind.NEXTHOP ? Kind.GROUP : Kind.NEXTHOP;
        return f.colliding().get(new ObjectKey(other, key.id()));
    }

    private static String conflict(KernelObject theirs) {
        return theirs.kind().label() + " " + Describe.of(theirs) + " already exists and is not mlb's: remove it, or"
                + " move mlb elsewhere (table_base/table in the spec)";
    }

    private static List<String> foreignNote(Foreign f) {
        if (f.total() == 0) return List.empty();
        return List.of("left alone (not mlb's): " + f.rules() + " rules, " + f.routes() + " routes in owned tables, "
                + f.nexthops() + " nexthops");
    }
}
