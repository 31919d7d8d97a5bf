package mlb.plan;

import io.vavr.collection.List;
import mlb.model.NetState;

/**
 * An ordered list of changes that turns current into desired, with notes worth telling the user
 * (fallbacks taken, foreign objects seen). Both states are kept so a saved plan can be checked for staleness.
 */
public record Plan(NetState current, NetState desired, List<Change> changes, List<String> notes) {
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
