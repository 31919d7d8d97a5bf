package mlb.plan;

import io.vavr.collection.List;
import mlb.model.Change;
import mlb.model.NetState;
import mlb.model.Scope;

/**
 * An ordered list of changes that turns current into desired, the ownership scope it was made for, and notes
 * worth telling the user (fallbacks taken, foreign objects seen). Both states are kept so a saved plan can be
 * checked for staleness.
 */
public record Plan(NetState current, NetState desired, List<Change> changes, List<String> notes, Scope scope) {
    /** The plan from current to desired within scope. */
    public static Plan of(NetState current, NetState desired, List<String> notes, Scope scope) {
        return new Plan(current, desired, Diff.changes(current, desired), notes, scope);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public int toAdd() {
        return count(Change.Create.class) + count(Change.Replace.class);
    }

    public int toChange() {
        return count(Change.Update.class);
    }

    public int toDestroy() {
        return count(Change.Delete.class) + count(Change.Replace.class);
    }

    private int count(Class<? extends Change> type) {
        return changes.count(type::isInstance);
    }

    public String summary() {
        return toAdd() + " to add, " + toChange() + " to change, " + toDestroy() + " to destroy";
    }
}
