package mlb.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.KernelObject;
import mlb.model.NetState;
import mlb.model.NftElement;
import mlb.model.NftSet;
import mlb.model.NftTable;
import mlb.model.StateJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pin's list in the state documents: one array of items per set instead of an object per element, and in the
 * audit record a file named by its sha256 that the states name; documents of every element an object still read.
 */
class ListRecordTest {
    /** A table with a map (its elements stay objects), a short set and a list of n host addresses from first. */
    private static NetState state(int first, int n) {
        java.util.List<KernelObject> all = new java.util.ArrayList<>(java.util.List.of(new NftTable("mlb"),
                new NftSet("mlb", "marks", NftSet.KeyType.MARK, true, false),
                NftElement.jump("mlb", "marks", new NftElement.Mark(0x100), "link_a"),
                new NftSet("mlb", "lan", NftSet.KeyType.IPV4, false, true),
                NftElement.of("mlb", "lan", new NftElement.Prefix("10.77.0.0/24")),
                new NftSet("mlb", "pin1_dst_32", NftSet.KeyType.IPV4, false, false)));
        for (int i = first; i < first + n; i++) {
            all.add(NftElement.of("mlb", "pin1_dst_32", new NftElement.Prefix("198.19." + i / 256 + "." + i % 256)));
        }
        return NetState.of(all);
    }

    private static Record record(NetState desired, NetState before, NetState after) {
        var scope = mlb.compile.Compiler.scope(mlb.spec.Balancer.defaults()).withNftTable("mlb");
        return new Record(Record.Kind.APPLY, "apply t", "netns-t", scope, Record.Outcome.APPLIED, Option.none(),
                Option.none(), Option.none(), desired, before, after, List.empty(), "", Option.none(), Option.none(),
                Instant.parse("2026-12-07T10:00:00Z"), "root", "router", "0.9.0-test");
    }

    @Test
    void aPlainSetsElementsAreOneListOfItemsAndMapElementsStayObjects() throws Exception {
        NetState s = state(0, 3);
        JsonNode doc = StateJson.MAPPER.readTree(StateJson.text(s));
        assertEquals(1, doc.path("nft_elements").size(), "the map's element");
        assertEquals(List.of("lan", "pin1_dst_32"), List.ofAll(doc.path("nft_set_items")).map(n -> n.path("set").asText()));
        assertEquals(List.of("198.19.0.0", "198.19.0.1", "198.19.0.2"),
                List.ofAll(doc.path("nft_set_items").path(1).path("items")).map(JsonNode::asText));
        assertEquals(s, StateJson.parse(StateJson.text(s)));
    }

    @Test
    void aDocumentOfAnElementObjectEachStillReads() {
        String old = """
                {"sysctls": [], "nexthops": [], "groups": [], "routes": [], "rules": [],
                 "nft_tables": [{"table": "mlb"}],
                 "nft_sets": [{"table": "mlb", "name": "pin1_dst", "key": "ipv4", "map": false, "interval": true}],
                 "nft_elements": [{"table": "mlb", "set": "pin1_dst", "key": "198.19.0.0/24"},
                                  {"table": "mlb", "set": "pin1_dst", "key": "198.19.1.7"}]}
                """;
        NetState read = StateJson.parse(old);
        assertTrue(read.all(NftElement.class).map(e -> e.item().text()).toList().equals(List.of("198.19.0.0/24", "198.19.1.7")));
    }

    @Test
    void theRecordKeepsAListOnceAsAFileThatItsStatesNameByHash() throws Exception {
        NetState was = state(0, 1500);
        NetState now = state(10, 1500);
        Record r = record(now, was, now);
        var files = r.files();
        List<String> lists = files.keySet().filter(n -> n.startsWith("set-")).toList();
        assertEquals(2, lists.size(), "the list before, and the one wanted and found after: " + lists);
        JsonNode after = StateJson.MAPPER.readTree(files.get("after.json").get());
        JsonNode desired = StateJson.MAPPER.readTree(files.get("desired.json").get());
        JsonNode list = after.path("nft_set_items").path(1);
        assertEquals(1500, list.path("count").asInt());
        assertEquals("set-" + list.path("sha256").asText() + ".txt", list.path("file").asText());
        assertEquals(list, desired.path("nft_set_items").path(1));
        assertFalse(files.get("after.json").get().contains("198.19.0.10"), "no element of the list in the state itself");
        assertTrue(after.path("nft_set_items").path(0).has("items"), "a short set stays in the document");
        assertEquals("198.19.0.10\n", files.get(list.path("file").asText()).get().lines().findFirst().get() + "\n");

        Snapshot snap = new Snapshot(new Entry("0".repeat(40), r.time(), r.title(), "applied", r.target()), files);
        assertEquals(now, snap.after());
    }

    @Test
    void theJournalKeepsAListOnceBesideItsEntriesUntilTheLastOneGoes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Journal j = Journal.of(dir, "netns-t");
        NetState was = state(0, 1500);
        NetState now = state(10, 1500);
        Journal.Entry first = j.add(record(now, was, now));
        Journal.Entry second = j.add(record(now, now, now));
        List<String> lists = List.ofAll(java.nio.file.Files.list(j.dir()).map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith("set-")).sorted().toList());
        assertEquals(2, lists.size(), "the two lists, once each for both entries: " + lists);
        assertTrue(java.nio.file.Files.size(first.file()) < 10_000, "the entry names its lists: " + java.nio.file.Files.size(first.file()));
        assertEquals(record(now, was, now), j.read(first));
        assertEquals(now, j.read(second).before());
        j.remove(first);
        assertEquals(2, java.nio.file.Files.list(j.dir()).filter(p -> p.getFileName().toString().startsWith("set-")).count(),
                "kept while an entry is left");
        j.remove(second);
        assertEquals(0, java.nio.file.Files.list(j.dir()).count(), "gone with the last entry");
    }

    @Test
    void aListFileThatIsMissingOrChangedIsAnErrorNamingIt() {
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        String doc = StateJson.text(state(0, 1200), Option.some(files));
        String name = files.keySet().iterator().next();
        var missing = assertThrows(IllegalArgumentException.class, () -> StateJson.parse(doc));
        assertEquals("the state keeps the items of set pin1_dst_32 in " + name + ", which is missing", missing.getMessage());
        String changed = files.get(name).replace("198.19.0.5\n", "198.19.0.6\n");
        var tampered = assertThrows(IllegalArgumentException.class, () -> StateJson.parse(doc, n -> Option.of(changed)));
        assertEquals(name + " does not match the sha256 the state names for it", tampered.getMessage());
        assertEquals(state(0, 1200), StateJson.parse(doc, n -> Option.of(files.get(n))));
    }
}
