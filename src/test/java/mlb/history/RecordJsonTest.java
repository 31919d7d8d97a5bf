package mlb.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.NftTable;
import mlb.model.StateJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An entry's format version and mlb's version are two keys; entries of format 1 (one key for both) still read. */
class RecordJsonTest {
    private static Record record() {
        var scope = mlb.compile.Compiler.scope(mlb.spec.Balancer.defaults()).withNftTable("mlb");
        return new Record(Record.Kind.APPLY, "apply t: 1 to add, 0 to change, 0 to destroy", "netns-t", scope,
                Record.Outcome.APPLIED, Option.none(), Option.none(), Option.none(),
                NetState.of(List.of(new NftTable("mlb"))), NetState.empty(), NetState.of(List.of(new NftTable("mlb"))),
                List.of("nft add table inet mlb"), "Plan: 1 to add, 0 to change, 0 to destroy.\n", Option.none(),
                Option.none(), Instant.parse("2026-12-07T10:00:00Z"), "root", "router", "0.9.0-test");
    }

    @Test
    void theMetaKeepsTheFormatVersionAndMlbsVersionApart() throws Exception {
        JsonNode meta = StateJson.MAPPER.readTree(RecordJson.meta(record()));
        assertEquals(3, meta.get("version").asInt());
        assertEquals("0.9.0-test", meta.get("mlb_version").asText());
        assertEquals(List.of("mlb"), RecordJson.scope(RecordJson.meta(record()), NetState.empty()).nftTables().toList());
    }

    @Test
    void aJournalRoundTripKeepsTheNftTableAndTheVersion() throws Exception {
        Record back = RecordJson.parseJournal(RecordJson.journal(record(), io.vavr.control.Option.none()), n -> io.vavr.control.Option.none());
        assertEquals(record(), back);
    }

    @Test
    void anEntryOfFormatOneReadsMlbsVersionFromItsOverwrittenKey() throws Exception {
        var old = (com.fasterxml.jackson.databind.node.ObjectNode) StateJson.MAPPER.readTree(RecordJson.journal(record(), io.vavr.control.Option.none()));
        old.remove("mlb_version");
        old.put("version", "0.8.1");
        assertEquals("0.8.1", RecordJson.parseJournal(StateJson.MAPPER.writeValueAsString(old), n -> io.vavr.control.Option.none()).version());
    }
}
