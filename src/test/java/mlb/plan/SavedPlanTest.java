package mlb.plan;

import io.vavr.collection.List;
import mlb.model.StateArbitraries;
import mlb.model.StateArbitraries.Pair;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SavedPlanTest {
    private static final String SPEC = """
            [balancer]
            mode = "route"   # "quoted" and {braces} survive
            [[link]]
            name = "isp1"
            """;

    @Provide
    Arbitrary<Pair> pairs() {
        return StateArbitraries.pairs(true);
    }

    @Property(tries = 200)
    void aSavedPlanReadsBackAsTheSamePlan(@ForAll("pairs") Pair p) {
        Plan plan = TestPlans.of(p.current(), p.desired(), List.of("note one", "note \"two\""));
        SavedPlan saved = new SavedPlan("netns-lab", "specs/seed.toml", SPEC, plan);
        String text = saved.text();
        assertTrue(SavedPlan.looksSaved(text));
        SavedPlan back = SavedPlan.parse(text);
        assertEquals(saved, back, "target, spec file and text, and the plan with its scope and notes");
    }

    @Test
    void aSpecIsNotASavedPlan() {
        assertFalse(SavedPlan.looksSaved(SPEC));
        assertFalse(SavedPlan.looksSaved("{\"format\": \"something-else\"}"));
    }

    @Test
    void aPlanOfNftObjectsReadsBackAndVersionsTwoAndThreeStillRead() throws Exception {
        mlb.model.NetState nft = mlb.model.NetState.of(io.vavr.collection.List.of(new mlb.model.NftTable("mlb"),
                new mlb.model.NftSet("mlb", "lan", mlb.model.NftSet.KeyType.IPV4, false, true),
                mlb.model.NftElement.of("mlb", "lan", new mlb.model.NftElement.Prefix("10.77.0.0/24"))));
        mlb.model.Scope scope = mlb.compile.Compiler.scope(mlb.spec.Balancer.defaults()).withNftTable("mlb");
        SavedPlan saved = new SavedPlan("netns-lab", "s.toml", SPEC, Plan.of(mlb.model.NetState.empty(), nft, List.of(), scope));
        assertEquals(saved, SavedPlan.parse(saved.text()));
        var two = (com.fasterxml.jackson.databind.node.ObjectNode) mlb.model.StateJson.MAPPER.readTree(
                new SavedPlan("netns-lab", "s.toml", SPEC, TestPlans.of(mlb.model.NetState.empty(), mlb.model.NetState.empty(), List.of())).text());
        two.put("version", 2);
        SavedPlan.parse(mlb.model.StateJson.MAPPER.writeValueAsString(two));
        two.put("version", 3);
        SavedPlan.parse(mlb.model.StateJson.MAPPER.writeValueAsString(two));
        assertEquals(4, mlb.model.StateJson.MAPPER.readTree(saved.text()).path("version").asInt());
    }

    @Test
    void otherDocumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SavedPlan.parse("{\"format\": \"mlb-plan\", \"version\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> SavedPlan.parse("{\"format\": \"mlb-plan\", \"version\": 5}"));
        assertThrows(IllegalArgumentException.class, () -> SavedPlan.parse("{\"format\": \"other\", \"version\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> SavedPlan.parse("not json"));
    }
}
