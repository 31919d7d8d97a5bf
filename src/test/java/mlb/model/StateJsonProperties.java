package mlb.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The canonical state document, used for saved plans and the audit history. */
class StateJsonProperties {
    @Provide
    Arbitrary<NetState> states() {
        return StateArbitraries.states(true);
    }

    @Property(tries = 300)
    void decodingAnEncodedStateGivesItBack(@ForAll("states") NetState s) {
        assertEquals(s, StateJson.decode(StateJson.encode(s)), () -> StateJson.text(s));
        assertEquals(s, StateJson.parse(StateJson.text(s)), () -> StateJson.text(s));
    }

    @Property(tries = 100)
    void theTextIsCanonical(@ForAll("states") NetState s) {
        NetState rebuilt = NetState.of(s.all().toList().reverse());
        assertEquals(StateJson.text(s), StateJson.text(rebuilt), "the same state gives the same text whatever the build order");
    }

    @Test
    void fieldNamesOfTheDocument() {
        NetState s = NetState.of(List.of(
                new Sysctl("net.ipv4.fib_multipath_hash_policy", "1"),
                new NexthopGroup(200, List.of(new NexthopGroup.Member(201, 5)), true, 512, 250),
                new Route(200, "default", 4294967295L, new RouteTarget.Unreachable(), 250),
                new Route(201, "default", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 250),
                new Rule(10050, Option.none(), Option.some("wan1"), Option.some(Rule.Mark.exactly(255L)), 201, Option.some(0), 250)));
        JsonNode n = StateJson.encode(s);
        assertEquals(List.of("sysctls", "nexthops", "groups", "routes", "rules"), List.ofAll(n::fieldNames));
        assertEquals(4294967295L, n.get("routes").get(0).get("metric").asLong(), "a u32 metric survives");
        assertEquals("unreachable", n.get("routes").get(0).get("target").get("type").asText());
        assertEquals("198.18.1.1", n.get("routes").get(1).get("target").get("via").asText());
        JsonNode rule = n.get("rules").get(0);
        assertEquals(List.of("priority", "oif", "fwmark", "table", "suppress_prefixlength", "protocol"), List.ofAll(rule::fieldNames),
                "absent selector fields are left out, not null");
        assertEquals(512, n.get("groups").get(0).get("buckets").asInt());
    }

    @Test
    void aSetThatPacketsFillKeepsItsTimeoutAndOtherSetsTheirDocument() {
        NetState s = NetState.of(List.of(new NftTable("mlb"), NftSet.dynamic("mlb", "sticky_isp1", 600),
                new NftSet("mlb", "lan", NftSet.KeyType.IPV4, false, true),
                NftChain.regular("mlb", "stick_isp1", List.of(NftRule.of(new NftRule.Remember("sticky_isp1")),
                        NftRule.of(new NftRule.Goto("link_isp1")))),
                NftChain.regular("mlb", "link_isp1", List.of(NftRule.of(new NftRule.SetMark(true, 0x10000, 0xff0000))))));
        assertEquals(s, StateJson.parse(StateJson.text(s)), () -> StateJson.text(s));
        assertEquals(false, StateJson.text(s).contains("\"timeout\": 0"), "no timeout written where there is none: " + StateJson.text(s));
    }

    @Test
    void notAStateDocument() {
        assertThrows(IllegalArgumentException.class, () -> StateJson.parse("{\"rules\": [ {\"priority\": 1, "));
        assertThrows(IllegalArgumentException.class, () -> StateJson.parse("{\"nexthops\": [{\"id\": 0, \"gateway\": \"1.2.3.4\", \"dev\": \"x\"}]}"),
                "an object the model cannot hold (no id) is refused; unsafe words are refused by the driver that would write them");
    }
}
