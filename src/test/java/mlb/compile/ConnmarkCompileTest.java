package mlb.compile;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.HashSet;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.NftChain;
import mlb.model.NftElement;
import mlb.model.NftTable;
import mlb.model.Rule;
import mlb.spec.Spec;
import mlb.spec.SpecParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mode "connmark" compiled: marks, slots by weight, the chains, and what the monitor's verdicts change. */
class ConnmarkCompileTest {
    private static final String SPEC = """
            [balancer]
            mode = "connmark"
            lan = ["10.77.0.0/16"]
            helpers = ["ftp"]
            [[link]]
            name = "isp2"
            dev = "wan2"
            gateway = "198.18.2.1"
            weight = 20
            [[link]]
            name = "isp1"
            dev = "wan1"
            gateway = "198.18.1.1"
            weight = 10
            nat = false
            [[link]]
            name = "isp3"
            dev = "wan3"
            gateway = "198.18.3.1"
            weight = 30
            mark = 0x00070000
            """;

    private static NetState compiled(String spec, Option<Set<String>> balancing) {
        var c = Compiler.compile(parsed(spec), TestFacts.fourLinks(true), balancing);
        if (c.isInvalid()) throw new AssertionError(c.getError().mkString("\n"));
        return c.get().desired();
    }

    private static Spec parsed(String spec) {
        var v = SpecParser.parse(spec, "spec.toml");
        if (v.isInvalid()) throw new AssertionError(v.getError().mkString("\n"));
        return v.get();
    }

    private static List<String> slots(NetState s) {
        return List.ofAll(s.all(NftElement.class)).filter(e -> e.set().equals("slots")).map(e -> e.jump().get());
    }

    @Test
    void marksAreGivenInNameOrderAroundTheOnesTheSpecSets() {
        NetState s = compiled(SPEC, Option.none());
        List<String> rules = List.ofAll(s.all(Rule.class)).filter(r -> r.fwmark().isDefined())
                .map(r -> r.fwmark().get().value() + ">" + r.table());
        assertEquals(List.of(0x10000 + ">201", 0x20000 + ">202", 0x70000 + ">203"), rules);
    }

    @Test
    void slotsFollowTheWeightsInOneInterleavedCycle() {
        List<String> slots = slots(compiled(SPEC, Option.none()));
        assertEquals(List.of("link_isp3", "link_isp2", "link_isp1", "link_isp3", "link_isp2", "link_isp3"), slots.take(6));
        assertEquals(60, slots.size(), "always 60 slots: weights and links out change elements only");
        assertEquals(slots.take(6).appendAll(slots.take(6)), slots.slice(6, 18), "the cycle of 6 repeats");
    }

    @Test
    void aLinkTheMonitorTookOutTakesNoNewConnectionsButKeepsItsMarkAndTable() {
        NetState s = compiled(SPEC, Option.some(HashSet.of("isp1", "isp3")));
        List<String> slots = slots(s);
        assertEquals(15, slots.count(x -> x.equals("link_isp1")), "isp1 keeps its 10 and takes a quarter of isp2's 20");
        assertEquals(45, slots.count(x -> x.equals("link_isp3")), "isp3 keeps its 30 and takes three quarters");
        List<String> all = slots(compiled(SPEC, Option.none()));
        for (int i = 0; i < 60; i++) {
            if (!all.get(i).equals("link_isp2")) assertEquals(all.get(i), slots.get(i), "only isp2's slots change");
        }
        assertTrue(s.all(NftElement.class).exists(e -> e.set().equals("marks") && e.jump().contains("link_isp2")));
    }

    @Test
    void stickySourcesAreASetPerLinkThatTakesConnectionsFilledOnTheWayToIt() {
        String sticky = SPEC.replace("helpers", "sticky = \"10m\"\nhelpers");
        NetState all = compiled(sticky, Option.none());
        assertEquals(List.of("sticky_isp1 600", "sticky_isp2 600", "sticky_isp3 600"), List.ofAll(all.all(mlb.model.NftSet.class))
                .filter(mlb.model.NftSet::dynamic).map(x -> x.name() + " " + x.timeout()));
        assertEquals(List.of("stick_isp3", "stick_isp2", "stick_isp1"), slots(all).take(3), "the slots deal a new source through its link's set");
        NftChain stick = all.all(NftChain.class).find(c -> c.name().equals("stick_isp2")).get();
        assertEquals(List.of(mlb.model.NftRule.of(new mlb.model.NftRule.Remember("sticky_isp2")),
                mlb.model.NftRule.of(new mlb.model.NftRule.Goto("link_isp2"))), stick.rules());
        List<mlb.model.NftRule> pre = all.all(NftChain.class).find(c -> c.name().equals("prerouting")).get().rules();
        assertEquals(List.of("Goto[chain=stick_isp1]", "Goto[chain=stick_isp2]", "Goto[chain=stick_isp3]", "MapJump"),
                pre.takeRight(4).map(r -> r.statement().toString().replaceAll("\\[source.*", "")), "found sources first, then the slots");
        assertTrue(pre.get(pre.size() - 3).matches().contains(new mlb.model.NftRule.Address(true, 4, "sticky_isp2")));

        NetState out = compiled(sticky, Option.some(HashSet.of("isp1", "isp3")));
        assertTrue(out.all(mlb.model.NftSet.class).forAll(x -> !x.name().equals("sticky_isp2")), "isp2 out: its sources are dealt again");
        assertTrue(out.all(NftChain.class).forAll(c -> !c.name().equals("stick_isp2")));
        mlb.kernel.nft.FakeNft nft = new mlb.kernel.nft.FakeNft();
        for (NetState[] step : new NetState[][]{{NetState.empty(), all}, {all, out}, {out, all}}) {
            var w = nft.write(mlb.plan.Diff.changes(step[0], step[1]).filter(c -> c.subject() instanceof mlb.model.NftObject));
            assertTrue(w.ok(), () -> w.failure().get() + "\n" + w.sent().mkString("\n"));
            assertEquals(List.ofAll(step[1].all(mlb.model.NftObject.class)), nft.objects(), "one transaction each way");
        }
        assertEquals(compiled(SPEC, Option.none()).size() + 6, all.size(), "nothing else changes");
    }

    /** The monitor compiles for every change: a pin's sets are made once for its pins, whatever balances. */
    @Test
    void aPinsSetsAreMadeOnceForThePinsAndSharedByEveryBalancing() {
        Spec spec = parsed(SPEC + "[[pin]]\ndst = [\"198.51.100.0/24\", \"203.0.113.7\"]\nlinks = [\"isp1\", \"balance\"]\n");
        var all = Compiler.compile(spec, TestFacts.fourLinks(true), Option.none()).get().desired();
        var fewer = Compiler.compile(spec, TestFacts.fourLinks(true), Option.some(HashSet.of("isp2", "isp3"))).get().desired();
        PinSets kept = PinSets.of("mlb", spec.pins(), false);
        org.junit.jupiter.api.Assertions.assertSame(kept, PinSets.of("mlb", spec.pins(), false));
        assertEquals(List.of("203.0.113.7"), elements(fewer, "pin1_dst_32"));
        assertEquals(elements(all, "pin1_dst_24"), elements(fewer, "pin1_dst_24"));
        Spec other = parsed(SPEC + "[[pin]]\ndst = [\"198.51.100.0/24\"]\nlinks = [\"isp1\"]\n");
        assertTrue(PinSets.of("mlb", other.pins(), false) != kept, "other pins, other sets");
        assertEquals(List.empty(), elements(compiled(SPEC + "[[pin]]\ndst = [\"198.51.100.0/24\"]\nlinks = [\"isp1\"]\n",
                Option.none()), "pin1_dst_32"), "and nothing of the pins before");
    }

    @Test
    void onlyLinksWithNatMasquerade() {
        NftChain post = compiled(SPEC, Option.none()).all(NftChain.class).find(c -> c.name().equals("postrouting")).get();
        assertEquals(2, post.rules().size());
        assertTrue(post.rules().toString().contains("wan2") && post.rules().toString().contains("wan3"));
    }

    @Test
    void everyLinkDownWithLastResortMainLeavesNewConnectionsUnmarked() {
        NetState s = compiled(SPEC.replace("helpers", "last_resort = \"main\"\nhelpers"), Option.some(HashSet.empty()));
        assertEquals(List.empty(), slots(s));
        NftChain pre = s.all(NftChain.class).find(c -> c.name().equals("prerouting")).get();
        assertTrue(pre.rules().forAll(r -> !r.uses().contains("slots")));
    }

    @Test
    void theSpecsTableNameAndScope() {
        Spec s = parsed(SPEC.replace("helpers", "nft_table = \"wan\"\nhelpers"));
        Compiler.Compiled c = Compiler.compile(s, TestFacts.fourLinks(true)).get();
        assertTrue(c.desired().all(NftTable.class).exists(t -> t.name().equals("wan")));
        assertEquals(List.of("wan"), c.scope().nftTables().toList());
    }

    @Test
    void aLanThatOverlapsALinksNetworkIsRefusedAndALinkWithoutNatIsNamed() {
        var refused = Compiler.compile(parsed(SPEC.replace("10.77.0.0/16", "198.18.2.0/23")), TestFacts.fourLinks(true));
        assertEquals(List.of("link isp2: lan 198.18.2.0/23 overlaps 198.18.2.0/24 on wan2 (list only the networks behind this router in lan)",
                "link isp3: lan 198.18.2.0/23 overlaps 198.18.3.0/24 on wan3 (list only the networks behind this router in lan)"),
                refused.getError().map(Object::toString));
        assertEquals(List.of("balancer.lan"), refused.getError().map(mlb.spec.Diagnostic::keyPath).distinct());
        var notes = Compiler.compile(parsed(SPEC), TestFacts.fourLinks(true)).get().notes();
        assertEquals(List.of("link isp1 has nat = false: connections from 10.77.0.0/16 leave by it with their own addresses,"
                + " so its ISP must route them back to this router"), notes);
    }

    private static final String PINS = """
            [[pin]]
            name = "ssh"
            proto = "tcp"
            dport = [22, "8000-8099"]
            dst = ["198.51.100.0/24"]
            links = ["isp1", "isp3"]
            [[pin]]
            proto = "udp"
            dport = [53]
            links = ["isp2", "balance"]
            """;

    private static List<String> pinRules(NetState s) {
        NftChain pre = s.all(NftChain.class).find(c -> c.name().equals("prerouting")).get();
        return pre.rules().filter(r -> r.matches().exists(m -> m instanceof mlb.model.NftRule.Port) && !(r.statement() instanceof mlb.model.NftRule.SetHelper))
                .map(r -> r.statement().toString());
    }

    @Test
    void aPinTakesItsFirstLiveLinkThenTheNextThenBalancesOrDrops() {
        NetState all = compiled(SPEC + PINS, Option.none());
        assertEquals(List.of("Goto[chain=link_isp1]", "Goto[chain=link_isp2]"), pinRules(all));
        assertTrue(mlb.model.StateElements.of(all).exists(e -> e.set().equals("pin1_dst_24") && e.item().text().equals("198.51.100.0")));
        assertEquals(List.of("Goto[chain=link_isp3]"), pinRules(compiled(SPEC + PINS, Option.some(HashSet.of("isp3")))),
                "isp1 out: ssh goes to isp3; isp2 out: DNS is balanced (no rule)");
        assertEquals(List.of("Drop[]", "Goto[chain=link_isp2]"), pinRules(compiled(SPEC + PINS, Option.some(HashSet.of("isp2")))),
                "isp1 and isp3 out: ssh is dropped, not leaked");
    }
    @Test
    void aListIsOnePlainSetPerPrefixLengthAndARuleForEachPairOfDestinationAndSourceSets() {
        NetState all = compiled(SPEC + """
                [[pin]]
                name = "listed"
                dst = ["198.51.100.0/24", "203.0.113.7", "198.18.4.0/22", "203.0.113.9/32"]
                src = ["10.77.0.0/25", "10.77.0.200"]
                links = ["isp1"]
                """, Option.none());
        assertEquals(List.of("pin1_dst_22", "pin1_dst_24", "pin1_dst_32", "pin1_src_25", "pin1_src_32"),
                all.all(mlb.model.NftSet.class).map(mlb.model.NftSet::name).filter(n -> n.startsWith("pin")).toList());
        assertTrue(all.all(mlb.model.NftSet.class).filter(x -> x.name().startsWith("pin")).forAll(x -> !x.interval()),
                "plain sets: nft deletes their elements without sorting the whole set again");
        assertEquals(List.of("198.18.4.0"), elements(all, "pin1_dst_22"));
        assertEquals(List.of("203.0.113.7", "203.0.113.9"), elements(all, "pin1_dst_32"));
        NftChain pre = all.all(NftChain.class).find(c -> c.name().equals("prerouting")).get();
        List<String> lookups = pre.rules().filter(r -> r.statement().equals(new mlb.model.NftRule.Goto("link_isp1")))
                .map(r -> r.matches().filter(m -> m instanceof mlb.model.NftRule.Address a && !a.set().equals("lan"))
                        .map(m -> ((mlb.model.NftRule.Address) m).set() + "/" + ((mlb.model.NftRule.Address) m).length()).mkString(" "))
                .toList();
        assertEquals(List.of("pin1_dst_22/22 pin1_src_25/25", "pin1_dst_22/22 pin1_src_32/32", "pin1_dst_24/24 pin1_src_25/25",
                "pin1_dst_24/24 pin1_src_32/32", "pin1_dst_32/32 pin1_src_25/25", "pin1_dst_32/32 pin1_src_32/32"), lookups);
    }

    @Test
    void aListHoldingEveryAddressNeedsNoSet() {
        NetState all = compiled(SPEC + """
                [[pin]]
                dst = ["0.0.0.0/0", "198.51.100.0/24"]
                proto = "tcp"
                dport = [25]
                links = ["isp1"]
                """, Option.none());
        assertTrue(all.all(mlb.model.NftSet.class).forAll(x -> !x.name().startsWith("pin")));
        assertEquals(List.of("Goto[chain=link_isp1]"), pinRules(all));
    }

    private static List<String> elements(NetState s, String set) {
        return mlb.model.StateElements.of(s).filter(e -> e.set().equals(set)).map(e -> e.item().text()).toList();
    }
}
