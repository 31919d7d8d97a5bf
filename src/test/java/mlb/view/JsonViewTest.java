package mlb.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.engine.PlanResult;
import mlb.kernel.FakeKernel;
import mlb.plan.Plan;
import mlb.plan.TestPlans;
import mlb.proc.Target;
import mlb.model.NetState;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.StateJson;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON documents on stdout: the plan's (others are checked through the CLI). */
class JsonViewTest {
    private static final Nexthop NH1 = new Nexthop(201, "198.18.1.1", "wan1", 250);
    private static final Nexthop NH2 = new Nexthop(202, "198.18.2.1", "wan2", 250);
    private static final Nexthop NH3 = new Nexthop(203, "198.18.3.1", "wan3", 250);

    private static NexthopGroup group(int w1) {
        return new NexthopGroup(200, List.of(new NexthopGroup.Member(201, w1), new NexthopGroup.Member(202, 1)), true, 512, 250);
    }

    private static JsonNode planJson(Plan plan) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        PlanResult r = new PlanResult(Target.netns("lab"), plan, FakeKernel.standard().kernel().commands(plan.changes()),
                Option.none(), false, Option.none());
        new JsonView(ps, ps, "plan", Option.some(Target.netns("lab"))).plan(r);
        return StateJson.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void changesInPlanOrderWithBeforeAfterAndCommands() throws Exception {
        NetState current = NetState.of(List.of(NH1, NH2, NH3, group(5)));
        NetState desired = NetState.of(List.of(NH1, NH2, group(3)));
        Plan plan = TestPlans.of(current, desired, List.of("a note"));
        JsonNode n = planJson(plan);
        assertEquals(1, n.get("format_version").asInt());
        assertEquals("plan", n.get("command").asText());
        assertEquals("netns-lab", n.get("target").asText());
        assertEquals(0, n.at("/summary/add").asInt());
        assertEquals(1, n.at("/summary/change").asInt());
        assertEquals(1, n.at("/summary/destroy").asInt());
        assertEquals("a note", n.at("/notes/0").asText());
        JsonNode update = n.at("/changes/0");
        assertEquals("update", update.get("action").asText());
        assertEquals("~", update.get("symbol").asText());
        assertEquals("nexthop group", update.get("kind").asText());
        assertEquals(5, update.at("/before/members/0/weight").asInt());
        assertEquals(3, update.at("/after/members/0/weight").asInt());
        JsonNode delete = n.at("/changes/1");
        assertEquals("destroy", delete.get("action").asText(), "the same word as the summary's");
        assertEquals(203, delete.at("/before/id").asInt());
        assertFalse(delete.has("after"), "a delete has nothing after it");
        assertEquals(List.of("ip nexthop replace id 200 group 201,3/202,1 type resilient buckets 512 idle_timer 120 unbalanced_timer 0 proto 250", "ip nexthop del id 203"),
                List.ofAll(n.get("commands")).map(JsonNode::asText));
        assertEquals(2, n.get("changes").size());
    }

    @Test
    void theObjectsInAPlanDecodeToTheSameObjects() throws Exception {
        Plan plan = TestPlans.of(NetState.empty(), NetState.of(List.of(NH1, NH2, group(5))), List.empty());
        JsonNode n = planJson(plan);
        ObjectNode asState = StateJson.MAPPER.createObjectNode();
        asState.putArray("nexthops").add(n.at("/changes/0/after")).add(n.at("/changes/1/after"));
        asState.putArray("groups").add(n.at("/changes/2/after"));
        assertEquals(plan.desired(), StateJson.decode(asState));
        assertTrue(n.get("notes").isEmpty());
    }
}
