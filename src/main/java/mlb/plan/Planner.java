package mlb.plan;

import io.vavr.collection.List;
import io.vavr.control.Validation;
import mlb.model.Foreign;
import mlb.model.KernelObject;
import mlb.model.NetState;
import mlb.model.Observed;

/** Turns one read of the kernel and a desired state into a plan, refusing to take over foreign objects. */
public final class Planner {
    private Planner() {
    }

    public static Validation<List<String>, Plan> plan(Observed observed, NetState desired, List<String> notes) {
        List<String> conflicts = desired.all()
                .filter(o -> observed.foreign().colliding().containsKey(o.key()))
                .map(o -> conflict(o, observed.foreign().colliding().get(o.key()).get()))
                .toList();
        if (!conflicts.isEmpty()) return Validation.invalid(conflicts);
        return Validation.valid(Diff.plan(observed.owned(), desired, notes.appendAll(foreignNote(observed.foreign()))));
    }

    private static String conflict(KernelObject wanted, KernelObject theirs) {
        return wanted.kind().label() + " " + theirs.describe() + " already exists and is not mlb's: remove it, or move mlb"
                + " elsewhere (table_base/table in the spec)";
    }

    private static List<String> foreignNote(Foreign f) {
        if (f.total() == 0) return List.empty();
        return List.of("left alone (not mlb's): " + f.rules() + " rules, " + f.routes() + " routes in owned tables, "
                + f.nexthops() + " nexthops");
    }
}
