package mlb.history;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.Rule;
import mlb.model.Sysctl;
import mlb.plan.Describe;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DriftTest {
    private static final Rule RULE = new Rule(10090, Option.none(), Option.none(), Option.none(), 200, Option.none(), 250);
    private static final String HASH = "net.ipv4.fib_multipath_hash_policy";

    @Test
    void aSettingNoEntryRecordsIsNobodysDrift() {
        NetState afterDestroy = NetState.empty();
        NetState live = NetState.of(List.of(new Sysctl(HASH, "0")));
        assertEquals(List.empty(), Drift.lines(afterDestroy, live));
    }

    @Test
    void aRecordedSettingChangedByHandIsDrift() {
        NetState recorded = NetState.of(List.of(new Sysctl(HASH, "1"), RULE));
        NetState live = NetState.of(List.of(new Sysctl(HASH, "0"), RULE));
        assertEquals(List.of("~ " + HASH + " = 0   (recorded: " + HASH + " = 1)"), Drift.lines(recorded, live));
    }

    @Test
    void objectsAddedAndRemovedByHandAreListed() {
        NetState recorded = NetState.of(List.of(RULE));
        Rule added = new Rule(10050, Option.some("198.18.99.1"), Option.none(), Option.none(), 201, Option.none(), 250);
        assertEquals(List.of("+ " + Describe.of(added) + "   (not in the recorded state)",
                "- " + Describe.of(RULE) + "   (recorded, now missing)"), Drift.lines(recorded, NetState.of(List.of(added))));
    }
}
