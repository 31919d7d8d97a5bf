package mlb.compile;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import mlb.model.KernelObject;
import mlb.model.NetState;
import mlb.model.NftChain;
import mlb.model.NftChain.Hook;
import mlb.model.NftElement;
import mlb.model.NftHelper;
import mlb.model.NftRule;
import mlb.model.NftSet;
import mlb.model.NftTable;
import mlb.model.Rule;
import mlb.model.Sysctl;
import mlb.spec.Connmark;
import mlb.spec.Link;
import mlb.spec.Pin;

/**
 * Per-connection balancing with marks. Each link has a table (as in route mode) and a mark; an ip rule sends
 * packets with the link's mark to its table. One nftables table gives each new connection a mark: new
 * connections from the lan prefixes by the slots map (which link the number generator's next value picks),
 * connections that come in on a link that link's mark (so replies leave by it), and the host's own connections
 * (local) the mark of the link the kernel's balancing route chose. Every later packet, and RELATED connections
 * a helper expects, carry the connection's mark. Links with nat masquerade what leaves by them. With sticky
 * sources, each link that takes new connections has a set of the lan sources it took (filled by the packets,
 * each forgotten after the timeout): a source found in one goes to that link again, and the slots put a new
 * source into its link's set. A link that leaves the balancing takes its set with it, so its sources are dealt
 * again, and it comes back with an empty one.
 */
final class ConnmarkMode {
    static final String LAN = "lan", MARKS = "marks", SLOTS = "slots", STICKY = "sticky_", STICK = "stick_";
    private static final NftChain.Hook PREROUTING = new Hook(Hook.Type.FILTER, Hook.Point.PREROUTING, Hook.MANGLE);
    private static final NftChain.Hook OUTPUT = new Hook(Hook.Type.FILTER, Hook.Point.OUTPUT, Hook.MANGLE);
    private static final NftChain.Hook POSTROUTING = new Hook(Hook.Type.NAT, Hook.Point.POSTROUTING, Hook.SRCNAT);

    private ConnmarkMode() {
    }

    /** balancing: the links that take new connections (all of them unless the monitor took some out). */
    static NetState objects(Layout layout, List<Link> links, Facts facts, List<String> sources,
                            List<Link> balancing, Map<String, Long> marks, List<Pin> pins) {
        Connmark c = layout.balancer().connmark();
        String t = c.nftTable();
        int p = layout.balancer().protocol();
        java.util.List<KernelObject> out = new java.util.ArrayList<>();
        RouteMode.linkTables(layout, links, sources, c.local(), out);
        if (c.local()) RouteMode.balancing(layout, links, facts, balancing, out);
        out.add(new NftTable(t));
        c.helpers().forEach(h -> out.add(new NftHelper(t, h.name(), h.name(), h.protocol())));
        out.add(new NftSet(t, MARKS, NftSet.KeyType.MARK, true, false));
        for (Link l : links) {
            long mark = marks.get(l.name()).get();
            out.add(new Rule(layout.markPriority(), Option.none(), Option.none(), Option.some(new Rule.Mark(mark, c.markMask())),
                    layout.table(l), Option.none(), p));
            out.add(NftElement.jump(t, MARKS, new NftElement.Mark(mark), chain(l)));
            out.add(NftChain.regular(t, chain(l), List.of(NftRule.of(new NftRule.SetMark(false, mark, c.markMask())),
                    NftRule.of(new NftRule.SetMark(true, mark, c.markMask())))));
            // loose reverse-path filtering: replies of a connection marked to another link arrive on this one
            out.add(new Sysctl("net.ipv4.conf." + l.dev().replace('.', '/') + ".rp_filter", "2"));
        }
        int slots = c.lan().isEmpty() ? 0 : lan(layout, links, balancing, out);
        List<Link> live = RouteMode.members(layout, links, balancing);
        PinSets sets = PinSets.of(t, pins, false);
        List<NftRule> pinned = pins.zip(sets.lookups()).flatMap(x -> pin(x._1, x._2, live));
        List<NftRule> sticky = slots == 0 || c.sticky().isZero() ? List.empty() : sticky(t, live, c.sticky().toSeconds(), out);
        out.add(NftChain.base(t, "prerouting", PREROUTING, prerouting(c, links, pinned.appendAll(sticky), slots)));
        if (c.local()) out.add(NftChain.base(t, "output", OUTPUT, output(c, links)));
        List<NftRule> nat = links.filter(Link::nat).map(l -> NftRule.of(new NftRule.Masquerade(), new NftRule.OutDevice(l.dev())));
        if (!nat.isEmpty()) out.add(NftChain.base(t, "postrouting", POSTROUTING, nat));
        // the few objects into the pins' sets, not their many elements into a new state
        return NetState.of(out).merge(sets.state());
    }

    /** The lan set and the slots map over the links that take new connections; how many slots it has. */
    private static int lan(Layout layout, List<Link> links, List<Link> balancing, java.util.List<KernelObject> out) {
        Connmark c = layout.balancer().connmark();
        String t = c.nftTable();
        out.add(new NftSet(t, LAN, NftSet.KeyType.IPV4, false, true));
        c.lan().forEach(prefix -> out.add(NftElement.of(t, LAN, new NftElement.Prefix(prefix.replaceAll("/32$", "")))));
        boolean random = c.distribution() == Connmark.Distribution.RANDOM;
        out.add(new NftSet(t, SLOTS, NftSet.KeyType.SLOT, true, random));
        List<Link> members = RouteMode.members(layout, links, balancing);
        List<Integer> weights = members.map(Link::weight);
        if (members.isEmpty()) return 0;
        if (random) {
            List<Integer> starts = Slots.rangeStarts(weights);
            for (int i = 0; i < members.size(); i++) {
                int last = i + 1 < starts.size() ? starts.get(i + 1) - 1 : Slots.RANDOM_VALUES - 1;
                if (last >= starts.get(i)) {
                    out.add(NftElement.jump(t, SLOTS, new NftElement.Range(starts.get(i), last), dealt(c, members.get(i))));
                }
            }
            return Slots.RANDOM_VALUES;
        }
        List<Link> byName = links.sortBy(Link::name);
        java.util.Set<Integer> live = new java.util.HashSet<>();
        for (int i = 0; i < byName.size(); i++) if (members.contains(byName.get(i))) live.add(i);
        List<Integer> owners = Slots.layout(byName.map(Link::weight), live);
        for (int slot = 0; slot < owners.size(); slot++) {
            out.add(NftElement.jump(t, SLOTS, new NftElement.Value(slot), dealt(c, byName.get(owners.get(slot)))));
        }
        return owners.size();
    }

    /** Where the slots send a new connection to l: its chain, or with sticky sources the one that remembers it first. */
    private static String dealt(Connmark c, Link l) {
        return c.sticky().isZero() ? chain(l) : STICK + l.name();
    }

    /**
     * Per link that takes new connections: its set of sources, the chain that puts a source into it (or renews its
     * timeout) before marking, and the rule that sends a lan source found in the set there.
     */
    private static List<NftRule> sticky(String t, List<Link> live, long seconds, java.util.List<KernelObject> out) {
        return live.map(l -> {
            String set = STICKY + l.name();
            out.add(NftSet.dynamic(t, set, seconds));
            out.add(NftChain.regular(t, STICK + l.name(), List.of(NftRule.of(new NftRule.Remember(set)),
                    NftRule.of(new NftRule.Goto(chain(l))))));
            return NftRule.of(new NftRule.Goto(STICK + l.name()), fresh(), new NftRule.Address(true, 4, LAN),
                    new NftRule.Address(true, 4, set));
        });
    }

    /** slots: 0 when no link takes new connections (last_resort "main"): they stay unmarked, for main. */
    private static List<NftRule> prerouting(Connmark c, List<Link> links, List<NftRule> pinned, int slots) {
        java.util.List<NftRule> rules = new java.util.ArrayList<>(known(c).asJava());
        for (Link l : links) rules.add(NftRule.of(new NftRule.Jump(chain(l)), fresh(), new NftRule.InDevice(l.dev())));
        rules.addAll(pinned.asJava());
        if (slots > 0) {
            NftRule.Source source = c.distribution() == Connmark.Distribution.RANDOM
                    ? new NftRule.Random(slots) : new NftRule.Counter(slots);
            rules.add(NftRule.of(new NftRule.MapJump(source, SLOTS), fresh(), new NftRule.Address(true, 4, LAN)));
        }
        return List.ofAll(rules);
    }

    /**
     * A pin's rules for new connections from the lan: to the first of its links that takes connections now, or a
     * drop when none does and it has no "balance"; none when "balance" comes first (the slots decide). Its
     * address lists are sets of their own (see PinSets), so a changed list changes elements only; a rule for each
     * pair of its destination and source sets.
     */
    private static List<NftRule> pin(Pin p, PinSets.Lookups sets, List<Link> live) {
        List<NftRule.Match> m = List.<NftRule.Match>of(fresh(), new NftRule.Address(true, 4, LAN)).appendAll(portMatches(p));
        List<Option<NftRule.Address>> dst = sets.dst();
        List<Option<NftRule.Address>> src = sets.src();
        Option<String> first = p.links().find(l -> l.equals(Pin.BALANCE) || live.exists(x -> x.name().equals(l)));
        if (first.contains(Pin.BALANCE)) return List.empty();
        // goto, not jump: the pin's link is the decision; the slots below must not see the connection
        NftRule.Statement to = first.map(l -> (NftRule.Statement) new NftRule.Goto(chain(l))).getOrElse(new NftRule.Drop());
        return dst.flatMap(d -> src.map(s -> new NftRule(m.appendAll(d).appendAll(s), to)));
    }

    /** A pin's protocol and ports as nft matches (its addresses are set lookups, see PinSets). */
    static List<NftRule.Match> portMatches(Pin p) {
        List<NftRule.Match> m = List.empty();
        if (!p.proto().isEmpty()) m = m.append(new NftRule.Protocol(p.proto()));
        if (!p.dport().isEmpty()) m = m.append(new NftRule.Port(false, p.proto(), ranges(p.dport())));
        if (!p.sport().isEmpty()) m = m.append(new NftRule.Port(true, p.proto(), ranges(p.sport())));
        return m;
    }

    private static List<NftRule.PortRange> ranges(List<Pin.Ports> ports) {
        return ports.map(x -> new NftRule.PortRange(x.first(), x.last()));
    }

    private static List<NftRule> output(Connmark c, List<Link> links) {
        return known(c).appendAll(links.map(l -> NftRule.of(new NftRule.Jump(chain(l)), fresh(), new NftRule.OutDevice(l.dev()))));
    }

    /** Packets of known connections take their connection's mark; new ones of a helper's port get the helper. */
    private static List<NftRule> known(Connmark c) {
        NftRule restore = NftRule.of(new NftRule.MapJump(new NftRule.ConnectionMark(c.markMask()), MARKS),
                new NftRule.CtState(TreeSet.of("established", "related")));
        return List.of(restore).appendAll(c.helpers().map(h -> NftRule.of(new NftRule.SetHelper(h.name()), fresh(),
                new NftRule.Port(false, h.protocol(), List.of(new NftRule.PortRange(h.port(), h.port()))))));
    }

    private static NftRule.CtState fresh() {
        return new NftRule.CtState(TreeSet.of("new"));
    }

    static String chain(Link l) {
        return chain(l.name());
    }

    /** The chain that marks a link's connections. */
    static String chain(String link) {
        return "link_" + link;
    }
}
