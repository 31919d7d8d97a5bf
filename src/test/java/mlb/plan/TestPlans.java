package mlb.plan;

import io.vavr.collection.List;
import mlb.model.NetState;
import mlb.model.StateArbitraries;

/** Plans made straight from two states, within the scope the state arbitraries use. */
public final class TestPlans {
    private TestPlans() {
    }

    public static Plan of(NetState current, NetState desired, List<String> notes) {
        return Plan.of(current, desired, notes, StateArbitraries.SCOPE);
    }
}
