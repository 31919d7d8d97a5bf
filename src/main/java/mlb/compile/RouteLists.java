package mlb.compile;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.model.KernelObject;
import mlb.model.NetState;
import mlb.model.NftChain;
import mlb.model.NftChain.Hook;
import mlb.model.NftRule;
import mlb.model.NftTable;
import mlb.model.Rule;
import mlb.spec.Code;
import mlb.spec.Connmark;
import mlb.spec.Diagnostic;
import mlb.spec.Pin;

/**
 * Route mode's pins with a list file. An ip rule matches one prefix, and a list as routes would take as many
 * changes as it has prefixes at every failover (routes through a link's nexthop the kernel even deletes when the
 * link loses its carrier). So nftables marks the packets such a pin matches (in prerouting, before the routing
 * decision: forwarded traffic, as connmark mode's pins) with the pin's mark, from sets made as in connmark mode,
 * and the pin's one ip rule at its priority sends that mark to its first live link's table (see RoutePins). A
 * failover changes that rule alone; the table's sets and rules do not depend on which links are live.
 */
final class RouteLists {
    private static final Hook PREROUTING = new Hook(Hook.Type.FILTER, Hook.Point.PREROUTING, Hook.MANGLE);

    private RouteLists() {
    }

    /** Whether route mode needs mlb's nftables table for these pins. */
    static boolean needed(List<Pin> pins) {
        return pins.exists(Pin::listed);
    }

    /** The mark of the pin at index i (in file order): the i+1-th multiple of the mask's lowest bit. */
    static Either<Diagnostic, Long> mark(Connmark c, int i) {
        long mark = (i + 1) * Long.lowestOneBit(c.markMask());
        if ((mark & ~c.markMask()) == 0) return Either.right(mark);
        return Either.left(Diagnostic.unplaced(Code.NO_MARK_ROOM, "pin[" + i + "]",
                String.format("pin %d: mark_mask 0x%08x has no room for its mark", i + 1, c.markMask()), "give it a wider mask"));
    }

    /** The table, the pins' sets, a chain per listed pin that marks, and prerouting sending each pin's packets there. */
    static Either<Diagnostic, NetState> objects(Connmark c, List<Pin> pins) {
        String t = c.nftTable();
        PinSets sets = PinSets.of(t, pins, true);
        java.util.List<KernelObject> out = new java.util.ArrayList<>();
        java.util.List<NftRule> prerouting = new java.util.ArrayList<>();
        out.add(new NftTable(t));
        for (int i = 0; i < pins.size(); i++) {
            Pin p = pins.get(i);
            if (!p.listed()) continue;
            Either<Diagnostic, Long> mark = mark(c, i);
            if (mark.isLeft()) return Either.left(mark.getLeft());
            out.add(NftChain.regular(t, chain(i), List.of(NftRule.of(new NftRule.SetMark(false, mark.get(), c.markMask())))));
            List<NftRule.Match> ports = ConnmarkMode.portMatches(p);
            PinSets.Lookups l = sets.lookups().get(i);
            for (Option<NftRule.Address> d : l.dst()) {
                for (Option<NftRule.Address> s : l.src()) {
                    prerouting.add(new NftRule(ports.appendAll(d).appendAll(s), new NftRule.Goto(chain(i))));
                }
            }
        }
        out.add(NftChain.base(t, "prerouting", PREROUTING, List.ofAll(prerouting)));
        return Either.right(NetState.of(out).merge(sets.state()));
    }

    /** The ip rule's selector of a listed pin: its mark under the mask. */
    static Rule.Mark selector(Connmark c, int i) {
        return new Rule.Mark(mark(c, i).get(), c.markMask());
    }

    private static String chain(int i) {
        return "pin" + (i + 1);
    }
}
