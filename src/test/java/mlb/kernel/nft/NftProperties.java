package mlb.kernel.nft;

import io.vavr.collection.List;
import mlb.model.Change;
import mlb.model.NetState;
import mlb.model.NftChain;
import mlb.model.NftElement;
import mlb.model.NftObject;
import mlb.model.NftSet;
import mlb.plan.Diff;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * From any table of mlb's shape to any other (or to none), the plan's changes written as one nft script take the
 * fake kernel exactly there, and a plan between two tables that differ only in slots changes only elements.
 * The fake answers scripts as nft does (it is held to the real one in NftDriverIT).
 */
class NftProperties {
    @Property(tries = 200)
    void aPlanWrittenAsOneScriptEndsAtItsTarget(@ForAll("tables") NetState from, @ForAll("tables") NetState to) {
        FakeNft nft = new FakeNft();
        assertTrue(nft.write(Diff.changes(NetState.empty(), from)).ok());
        var w = nft.write(Diff.changes(from, to));
        assertTrue(w.ok(), () -> w.failure().get() + "\n" + w.sent().mkString("\n"));
        assertEquals(to, NetState.of(nft.objects()));
    }

    @Property(tries = 100)
    void slotsAloneChangeElementsAlone(@ForAll("slots") String a, @ForAll("slots") String b) {
        List<Change> changes = Diff.changes(slotted(a), slotted(b));
        assertTrue(changes.forAll(c -> c.subject() instanceof NftElement));
        assertEquals(a.length() - countSame(a, b), changes.size());
    }

    @Provide
    Arbitrary<String> slots() {
        return Arbitraries.strings().withChars('a', 'b').ofLength(6);
    }

    @Provide
    Arbitrary<NetState> tables() {
        Arbitrary<String> slots = slots();
        Arbitrary<Integer> dropped = Arbitraries.integers().between(0, 40);
        Arbitrary<Boolean> present = Arbitraries.of(true, true, true, false);
        return Combinators.combine(slots, dropped, present).as((s, d, p) -> p ? without(slotted(s), d) : NetState.empty());
    }

    private static NetState slotted(String links) {
        return NftSamples.table(i -> String.valueOf(links.charAt(i)));
    }

    /**
     * The table with one part changed, by index: an element gone, a chain's last rule gone, a base chain at
     * another priority (replaced), a set with other flags (replaced, its elements written again).
     */
    private static NetState without(NetState table, int which) {
        List<NftObject> parts = List.ofAll(table.all(NftObject.class)).filter(o -> !(o instanceof mlb.model.NftTable));
        if (which >= parts.size()) return table;
        NftObject part = parts.get(which);
        if (part instanceof NftChain c && c.hook().isDefined() && which % 2 == 0) {
            var h = c.hook().get();
            return table.with(NftChain.base(c.table(), c.name(), new NftChain.Hook(h.type(), h.point(), h.priority() + 1), c.rules()));
        }
        if (part instanceof NftChain c) return table.with(new NftChain(c.table(), c.name(), c.hook(), c.rules().dropRight(1)));
        if (part instanceof NftSet s && s.keyType() == NftSet.KeyType.SLOT) {
            return table.with(new NftSet(s.table(), s.name(), s.keyType(), s.map(), !s.interval()));
        }
        if (part instanceof NftElement) return table.without(part.key());
        return table;
    }

    private static int countSame(String a, String b) {
        int n = 0;
        for (int i = 0; i < a.length(); i++) if (a.charAt(i) == b.charAt(i)) n++;
        return n;
    }
}
