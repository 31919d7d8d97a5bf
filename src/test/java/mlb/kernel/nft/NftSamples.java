package mlb.kernel.nft;

import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import mlb.model.NetState;
import mlb.model.NftChain;
import mlb.model.NftElement;
import mlb.model.NftHelper;
import mlb.model.NftObject;
import mlb.model.NftRule;
import mlb.model.NftSet;
import mlb.model.NftTable;
import mlb.model.Scope;

/**
 * A table of the shape connmark mode makes (two links, a lan set, marks and slots maps, a pin's list of /24s and
 * /32s, link b's sticky sources), for driver tests.
 */
final class NftSamples {
    static final String TABLE = "mlbt";
    static final long MASK = 0x00ff0000L;

    private NftSamples() {
    }

    static Scope scope() {
        return Scope.of(250, new Scope.Priorities(100, 199)).withNftTable(TABLE);
    }

    /** Slots 0..5 of a 1:2 weighting: slot i goes to link b unless i % 3 == 0. */
    static NetState table() {
        return table(i -> i % 3 == 0 ? "a" : "b");
    }

    static NetState table(java.util.function.IntFunction<String> slotLink) {
        java.util.List<NftObject> out = new java.util.ArrayList<>(java.util.List.<NftObject>of(
                new NftTable(TABLE),
                new NftHelper(TABLE, "ftp", "ftp", "tcp"),
                new NftSet(TABLE, "lan", NftSet.KeyType.IPV4, false, true),
                NftElement.of(TABLE, "lan", new NftElement.Prefix("10.77.0.0/16")),
                NftElement.of(TABLE, "lan", new NftElement.Prefix("198.18.200.7")),
                new NftSet(TABLE, "marks", NftSet.KeyType.MARK, true, false),
                NftElement.jump(TABLE, "marks", new NftElement.Mark(0x00010000L), "link_a"),
                NftElement.jump(TABLE, "marks", new NftElement.Mark(0x00020000L), "link_b"),
                new NftSet(TABLE, "slots", NftSet.KeyType.SLOT, true, false),
                new NftSet(TABLE, "pin1_dst_24", NftSet.KeyType.IPV4, false, false),
                NftElement.of(TABLE, "pin1_dst_24", new NftElement.Prefix("198.51.100.0")),
                NftElement.of(TABLE, "pin1_dst_24", new NftElement.Prefix("10.77.9.0")),
                new NftSet(TABLE, "pin1_dst_32", NftSet.KeyType.IPV4, false, false),
                NftElement.of(TABLE, "pin1_dst_32", new NftElement.Prefix("198.18.9.9")),
                NftSet.dynamic(TABLE, "sticky_b", 600),
                NftChain.regular(TABLE, "stick_b", List.of(NftRule.of(new NftRule.Remember("sticky_b")),
                        NftRule.of(new NftRule.Goto("link_b")))),
                link("a", 0x00010000L), link("b", 0x00020000L),
                NftChain.base(TABLE, "prerouting", new NftChain.Hook(NftChain.Hook.Type.FILTER, NftChain.Hook.Point.PREROUTING,
                        NftChain.Hook.MANGLE), List.of(
                        NftRule.of(new NftRule.MapJump(new NftRule.ConnectionMark(MASK), "marks"),
                                new NftRule.CtState(TreeSet.of("established", "related"))),
                        NftRule.of(new NftRule.SetHelper("ftp"), new NftRule.CtState(TreeSet.of("new")),
                                new NftRule.Port(false, "tcp", List.of(new NftRule.PortRange(21, 21)))),
                        NftRule.of(new NftRule.Jump("link_a"), new NftRule.CtState(TreeSet.of("new")), new NftRule.InDevice("wan1")),
                        NftRule.of(new NftRule.Goto("link_b"), new NftRule.CtState(TreeSet.of("new")), new NftRule.Address(true, 4, "lan"),
                                new NftRule.Address(false, 4, "pin1_dst_24", 24)),
                        NftRule.of(new NftRule.Goto("link_b"), new NftRule.CtState(TreeSet.of("new")), new NftRule.Address(true, 4, "lan"),
                                new NftRule.Address(false, 4, "pin1_dst_32", 32)),
                        NftRule.of(new NftRule.Goto("stick_b"), new NftRule.CtState(TreeSet.of("new")), new NftRule.Address(true, 4, "lan"),
                                new NftRule.Address(true, 4, "sticky_b")),
                        NftRule.of(new NftRule.MapJump(new NftRule.Counter(6), "slots"), new NftRule.CtState(TreeSet.of("new")),
                                new NftRule.Address(true, 4, "lan")))),
                NftChain.base(TABLE, "postrouting", new NftChain.Hook(NftChain.Hook.Type.NAT, NftChain.Hook.Point.POSTROUTING,
                        NftChain.Hook.SRCNAT), List.of(
                        NftRule.of(new NftRule.Masquerade(), new NftRule.OutDevice("wan1")),
                        NftRule.of(new NftRule.Masquerade(), new NftRule.OutDevice("wan2"))))));
        for (int i = 0; i < 6; i++) {
            out.add(NftElement.jump(TABLE, "slots", new NftElement.Value(i), "link_" + slotLink.apply(i)));
        }
        return NetState.of(out);
    }

    private static NftChain link(String name, long mark) {
        return NftChain.regular(TABLE, "link_" + name, List.of(
                NftRule.of(new NftRule.SetMark(false, mark, MASK)),
                NftRule.of(new NftRule.SetMark(true, mark, MASK))));
    }
}
