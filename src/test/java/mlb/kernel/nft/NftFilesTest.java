package mlb.kernel.nft;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.List;
import mlb.model.NetState;
import mlb.plan.Diff;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The driver's two texts against files: the script it writes for the sample table, and the sample table as nft
 * 1.0.6 listed it in a namespace (`nft -j list table inet mlbt` after that script), which it reads back as the
 * same objects. Without root, this is what holds the reader to real nft output. The listing was taken after one
 * address was put into sticky_b as a packet would (`nft add element`): a set with a timeout is the traffic's, and
 * its elements are not read.
 */
class NftFilesTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/nft");

    @Test
    void theSampleTableIsWrittenAsThisScript() throws IOException {
        List<String> script = NftSyntax.script(Diff.changes(NetState.empty(), NftSamples.table())).get();
        assertEquals(Files.readString(DIR.resolve("sample.nft"), StandardCharsets.UTF_8), script.mkString("", "\n", "\n"));
    }

    @Test
    void nftsListingOfItIsReadAsTheSameObjects() throws IOException {
        JsonNode listed = NftJson.tree(Files.readString(DIR.resolve("sample.json"), StandardCharsets.UTF_8));
        assertEquals(NftSamples.table(), NetState.of(NftJson.objects(listed)));
    }

    /** `nft -j list ruleset`, as the driver reads it: mlb's table among others, whose entries are only counted. */
    @Test
    void fromAWholeRulesetOnlyTheOwnTablesEntriesAreRead() throws IOException {
        JsonNode listed = NftJson.tree(Files.readString(DIR.resolve("sample.json"), StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.node.ArrayNode all = ((com.fasterxml.jackson.databind.node.ObjectNode) listed.deepCopy())
                .withArray("nftables");
        String[] foreign = {"{\"table\": {\"family\": \"ip\", \"name\": \"lab_nat\", \"handle\": 7}}",
                "{\"chain\": {\"family\": \"ip\", \"table\": \"lab_nat\", \"name\": \"postrouting\", \"handle\": 1}}",
                "{\"table\": {\"family\": \"inet\", \"name\": \"firewall\", \"handle\": 8}}",
                "{\"set\": {\"family\": \"inet\", \"table\": \"firewall\", \"name\": \"blocked\", \"type\": \"ipv4_addr\", \"handle\": 2}}"};
        for (String f : foreign) all.add(NftJson.tree(f));
        JsonNode ruleset = NftJson.tree("{\"nftables\": " + all + "}");
        assertEquals(io.vavr.collection.List.of(NftSamples.TABLE, "firewall"), NftJson.tables(ruleset, "inet"));
        assertEquals(NftSamples.table(), NetState.of(NftJson.objects(NftJson.only(ruleset, "inet", io.vavr.collection.List.of(NftSamples.TABLE)))));
        assertEquals(3, NftJson.allTables(ruleset));
    }
    /** A list's lookup masks the address first; nft prints the mask dotted, and drops a whole-word one. */
    @Test
    void aMaskOfLeadingOnesIsReadAsItsLengthAndNothingElseIsAMask() {
        assertEquals(io.vavr.control.Option.some(24), NftJson.maskLength("255.255.255.0"));
        assertEquals(io.vavr.control.Option.some(1), NftJson.maskLength("128.0.0.0"));
        assertEquals(io.vavr.control.Option.some(22), NftJson.maskLength("255.255.252.0"));
        assertEquals(io.vavr.control.Option.some(32), NftJson.maskLength("255.255.255.255"));
        for (String odd : new String[] {"0.0.0.0", "255.0.255.0", "255.255.255.256", "255.255.255", "0xffffff00", "255.255.255.0/24"}) {
            assertEquals(io.vavr.control.Option.none(), NftJson.maskLength(odd), odd);
        }
        for (int length = 1; length <= 32; length++) {
            assertEquals(io.vavr.control.Option.some(length),
                    NftJson.maskLength(new mlb.model.NftRule.Address(false, 4, "s", length).mask()), "length " + length);
        }
    }
    /** The audit record's canonical JSON keeps every nft object of the sample, masked lookups too. */
    @Test
    void theStateDocumentKeepsTheSampleTable() {
        assertEquals(NftSamples.table(), mlb.model.StateJson.parse(mlb.model.StateJson.text(NftSamples.table())));
    }
    /** A set that goes takes its elements along: the script deletes the set alone, never its elements one by one. */
    @Test
    void aSetThatGoesIsDeletedWithoutItsElements() {
        NetState without = NetState.of(NftSamples.table().all().filter(o -> !(o instanceof mlb.model.NftSet s && s.name().equals("pin1_dst_24"))
                && !(o instanceof mlb.model.NftAddresses e && e.set().equals("pin1_dst_24")))
                .map(o -> o instanceof mlb.model.NftChain c && c.name().equals("prerouting") ? new mlb.model.NftChain(c.table(), c.name(), c.hook(),
                        c.rules().filter(r -> !r.uses().contains("pin1_dst_24"))) : o));
        List<String> script = NftSyntax.script(Diff.changes(NftSamples.table(), without)).get();
        assertEquals(List.of("flush chain inet mlbt prerouting", "delete set inet mlbt pin1_dst_24"), script.filter(l -> !l.startsWith("add rule")));
        FakeNft nft = new FakeNft();
        nft.write(Diff.changes(NetState.empty(), NftSamples.table()));
        assertEquals(true, nft.write(Diff.changes(NftSamples.table(), without)).ok());
        assertEquals(without, NetState.of(nft.read(NftSamples.scope()).owned()));
    }
    /** A map that goes with a chain its elements jump to: the jumps are deleted first, or the chain could not go. */
    @Test
    void aGoneMapsJumpsAreDeletedBeforeTheChainTheyJumpTo() {
        NetState from = NetState.of(List.of(new mlb.model.NftTable("t"), mlb.model.NftChain.regular("t", "link_a", List.empty()),
                new mlb.model.NftSet("t", "marks", mlb.model.NftSet.KeyType.MARK, true, false),
                mlb.model.NftElement.jump("t", "marks", new mlb.model.NftElement.Mark(0x100), "link_a")));
        NetState to = NetState.of(List.of(new mlb.model.NftTable("t")));
        assertEquals(List.of("flush chain inet t link_a", "delete element inet t marks { 0x00000100 }", "delete chain inet t link_a",
                        "delete map inet t marks"),
                NftSyntax.script(Diff.changes(from, to)).get());
        FakeNft nft = new FakeNft();
        nft.write(Diff.changes(NetState.empty(), from));
        assertEquals(true, nft.write(Diff.changes(from, to)).ok());
    }
}
