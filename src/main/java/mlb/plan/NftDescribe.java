package mlb.plan;

import io.vavr.collection.List;
import mlb.model.NftChain;
import mlb.model.NftElement;
import mlb.model.NftHelper;
import mlb.model.NftObject;
import mlb.model.NftRule;
import mlb.model.NftSet;

import java.util.Locale;

/**
 * nftables objects for people, in words close to `nft list` (the view of {@link Describe}; the nft driver renders
 * what it sends itself). A chain is its header and then its rules, one per line.
 */
final class NftDescribe {
    private NftDescribe() {
    }

    static String of(NftObject o) {
        return o.matchNft(t -> "table inet " + t.name(), NftDescribe::helper, NftDescribe::set,
                c -> header(c) + c.rules().map(r -> "\n        " + rule(r)).mkString(), NftDescribe::element,
                l -> "elements " + l.set() + " (" + l.size() + " addresses)");
    }

    static String header(NftChain c) {
        return "chain " + c.name() + c.hook().map(h -> " (" + lower(h.type()) + " hook " + lower(h.point()) + " priority "
                + h.priority() + (h.drops() ? " policy drop" : "") + ")").getOrElse("");
    }

    private static String helper(NftHelper h) {
        return "ct helper " + h.name() + " (" + h.type() + ", " + h.protocol() + ")";
    }

    private static String set(NftSet s) {
        String key = s.keyType().label() + (s.map() ? " : jump" : "");
        String filled = s.dynamic() ? ", filled by packets, each forgotten " + s.timeout() + " s after its last update" : "";
        return (s.map() ? "map " : "set ") + s.name() + " (" + key + (s.interval() ? ", intervals" : "") + filled + ")";
    }

    private static String element(NftElement e) {
        return "element " + e.set() + " " + e.item().text() + e.jump().map(j -> " : jump " + j).getOrElse("");
    }

    static String rule(NftRule r) {
        List<String> words = r.matches().map(NftDescribe::match).append(statement(r.statement()));
        return words.mkString(" ");
    }

    private static String match(NftRule.Match m) {
        if (m instanceof NftRule.CtState c) return "ct state " + c.states().mkString(",");
        if (m instanceof NftRule.InDevice d) return "iifname " + d.dev();
        if (m instanceof NftRule.OutDevice d) return "oifname " + d.dev();
        if (m instanceof NftRule.Address a) {
            return (a.family() == 4 ? "ip " : "ip6 ") + (a.source() ? "saddr" : "daddr") + (a.masked() ? " & " + a.mask() : "") + " @" + a.set();
        }
        if (m instanceof NftRule.Protocol p) return "meta l4proto " + p.protocol();
        NftRule.Port p = (NftRule.Port) m;
        return p.protocol() + (p.source() ? " sport " : " dport ") + ports(p.ranges());
    }

    private static String ports(List<NftRule.PortRange> ranges) {
        List<String> each = ranges.map(r -> r.first() == r.last() ? String.valueOf(r.first()) : r.first() + "-" + r.last());
        return each.size() == 1 ? each.head() : "{ " + each.mkString(", ") + " }";
    }

    private static String statement(NftRule.Statement s) {
        if (s instanceof NftRule.Jump j) return "jump " + j.chain();
        if (s instanceof NftRule.Goto g) return "goto " + g.chain();
        if (s instanceof NftRule.MapJump m) return source(m.source()) + " vmap @" + m.map();
        if (s instanceof NftRule.Masquerade) return "masquerade";
        if (s instanceof NftRule.Drop) return "drop";
        if (s instanceof NftRule.SetHelper h) return "ct helper set " + h.helper();
        if (s instanceof NftRule.Remember r) return "update @" + r.set() + " { ip saddr }";
        if (s instanceof NftRule.Unknown u) return "(a rule mlb does not write: " + u.words() + ")";
        NftRule.SetMark m = (NftRule.SetMark) s;
        String what = m.connection() ? "ct mark" : "meta mark";
        return what + " set " + String.format("0x%08x under 0x%08x", m.mark(), m.mask());
    }

    private static String source(NftRule.Source s) {
        if (s instanceof NftRule.Counter c) return "numgen inc mod " + c.modulus();
        if (s instanceof NftRule.Random r) return "numgen random mod " + r.modulus();
        return String.format("ct mark and 0x%08x", ((NftRule.ConnectionMark) s).mask());
    }

    /** A chain whose rules change: each rule marked as kept, added (+) or removed (-). */
    static String rulesChanged(NftChain before, NftChain after) {
        StringBuilder s = new StringBuilder();
        for (NftRule r : after.rules()) s.append(before.rules().contains(r) ? "\n          " : "\n        + ").append(rule(r));
        for (NftRule r : before.rules()) if (!after.rules().contains(r)) s.append("\n        - ").append(rule(r));
        return s.toString();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
