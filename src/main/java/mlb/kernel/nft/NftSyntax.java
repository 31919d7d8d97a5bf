package mlb.kernel.nft;

import io.vavr.collection.List;
import io.vavr.control.Either;
import mlb.model.Change;
import mlb.model.NftChain;
import mlb.model.NftElement;
import mlb.model.NftHelper;
import mlb.model.NftObject;
import mlb.model.NftRule;
import mlb.model.NftSet;
import mlb.model.NftTable;

import java.util.ArrayList;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A run of nft changes as one `nft -f -` script: one transaction, all or nothing. Inside it the commands go in
 * the order nft needs whatever order the plan listed them in: the table first; chains that change are flushed
 * (dropping their references) before elements, chains, sets and helpers are deleted (a set that goes with its
 * elements: they are not deleted one by one, but for a map's jumps); then declarations, then elements, then every rule of the chains
 * that are new or changed; a table that goes is deleted whole.
 */
final class NftSyntax {
    static final String FAMILY = "inet";

    private NftSyntax() {
    }

    static Either<String, List<String>> script(List<Change> run) {
        java.util.List<String> out = new ArrayList<>();
        List<String> gone = run.filter(c -> c instanceof Change.Delete && c.subject() instanceof NftTable)
                .map(c -> ((NftTable) c.subject()).name());
        List<Change> kept = run.filter(c -> !gone.contains(table(c)));
        List<NftObject> removed = kept.flatMap(NftSyntax::removed);
        List<NftObject> added = kept.flatMap(NftSyntax::added);
        added.filter(o -> o instanceof NftTable).forEach(t -> out.add("add table " + FAMILY + " " + t.table()));
        kept.filter(c -> c instanceof Change.Update || c instanceof Change.Replace || c instanceof Change.Delete)
                .map(Change::subject).filter(o -> o instanceof NftChain).map(o -> (NftChain) o)
                .forEach(c -> out.add("flush chain " + where(c) + " " + c.name()));
        try {
            // a set that goes takes its elements along: deleting them one by one first is work for nothing, and
            // for an interval set nft sorts the whole set again for each element deleted. A map's elements that
            // jump to a chain go first all the same: the chain may be deleted before the map is
            java.util.Set<String> goneSets = new java.util.HashSet<>(of(removed, o -> o instanceof NftSet)
                    .map(o -> o.table() + " " + ((NftSet) o).name()).asJava());
            of(removed, o -> o instanceof NftElement e && (e.jump().isDefined() || !goneSets.contains(e.table() + " " + e.set())))
                    .forEach(o -> out.add(deleteElement((NftElement) o)));
            of(removed, o -> o instanceof NftChain).forEach(o -> out.add("delete chain " + where(o) + " " + ((NftChain) o).name()));
            of(removed, o -> o instanceof NftSet).forEach(o -> out.add("delete " + setWord((NftSet) o) + " " + where(o) + " " + ((NftSet) o).name()));
            of(removed, o -> o instanceof NftHelper).forEach(o -> out.add("delete ct helper " + where(o) + " " + ((NftHelper) o).name()));
            of(added, o -> o instanceof NftHelper).forEach(o -> out.add(helper((NftHelper) o)));
            of(added, o -> o instanceof NftSet).forEach(o -> out.add(set((NftSet) o)));
            of(added, o -> o instanceof NftChain).forEach(o -> out.add(chain((NftChain) o)));
            of(added, o -> o instanceof NftElement).forEach(o -> out.add(addElement((NftElement) o)));
            for (Change c : kept) {
                if (c instanceof Change.Delete || !(c.subject() instanceof NftChain chain)) continue;
                for (NftRule r : chain.rules()) out.add("add rule " + where(chain) + " " + chain.name() + " " + rule(r));
            }
        } catch (Unsafe u) {
            return Either.left(u.getMessage());
        }
        gone.forEach(t -> out.add("delete table " + FAMILY + " " + t));
        return Either.right(List.ofAll(out));
    }

    private static String table(Change c) {
        return c.subject() instanceof NftObject o ? o.table() : "";
    }

    private static List<NftObject> of(List<NftObject> objects, Predicate<NftObject> kind) {
        return objects.filter(kind);
    }

    /** What a change takes out of the table: the old object of a delete or replace, an element's old value. */
    private static List<NftObject> removed(Change c) {
        NftObject before = (NftObject) c.match(cr -> null, u -> u.before(), r -> r.before(), d -> d.before());
        if (before == null || before instanceof NftTable) return List.empty();
        if (c instanceof Change.Update && !(before instanceof NftElement)) return List.empty();
        return List.of(before);
    }

    /** What a change puts in: the new object of a create or replace, an element's new value. */
    private static List<NftObject> added(Change c) {
        NftObject after = (NftObject) c.match(cr -> cr.after(), u -> u.after(), r -> r.after(), d -> null);
        if (after == null || c instanceof Change.Update && !(after instanceof NftElement)) return List.empty();
        return List.of(after);
    }

    private static String where(NftObject o) {
        return FAMILY + " " + o.table();
    }

    private static String helper(NftHelper h) {
        return "add ct helper " + where(h) + " " + h.name() + " { type \"" + h.type() + "\" protocol " + h.protocol()
                + " ; l3proto inet ; }";
    }

    private static String setWord(NftSet s) {
        return s.map() ? "map" : "set";
    }

    private static String set(NftSet s) {
        String key = switch (s.keyType()) {
            case IPV4 -> "type ipv4_addr";
            case IPV6 -> "type ipv6_addr";
            case MARK -> "type mark";
            case SLOT -> s.interval() ? "typeof numgen random mod 65536" : "typeof numgen inc mod 65536";
            case OTHER -> throw new Unsafe("a set of a type mlb does not make cannot be written: " + s.name());
        };
        String flags = s.dynamic() ? " size " + NftSet.DYNAMIC_SIZE + " ; flags dynamic,timeout ; timeout " + s.timeout() + "s ;"
                : s.interval() ? " flags interval ;" : "";
        return "add " + setWord(s) + " " + where(s) + " " + s.name() + " { " + key + (s.map() ? " : verdict" : "")
                + " ;" + flags + " }";
    }

    private static String chain(NftChain c) {
        String hook = c.hook().map(h -> " { type " + lower(h.type()) + " hook " + lower(h.point()) + " priority "
                + h.priority() + " ; policy accept ; }").getOrElse("");
        return "add chain " + where(c) + " " + c.name() + hook;
    }

    private static String addElement(NftElement e) {
        return "add element " + where(e) + " " + e.set() + " { " + key(e.item()) + e.jump().map(j -> " : jump " + j).getOrElse("") + " }";
    }

    private static String deleteElement(NftElement e) {
        return "delete element " + where(e) + " " + e.set() + " { " + key(e.item()) + " }";
    }

    private static String key(NftElement.Key k) {
        if (k instanceof NftElement.Prefix p) return NftWords.prefix(p.prefix()).getOrElseThrow(Unsafe::new);
        if (k instanceof NftElement.Mark m) return NftWords.hex(m.mark());
        return k.text();
    }

    static String rule(NftRule r) {
        List<String> words = r.matches().map(NftSyntax::match).append(statement(r.statement()));
        return words.mkString(" ");
    }

    private static String match(NftRule.Match m) {
        if (m instanceof NftRule.CtState c) return "ct state " + c.states().mkString(",");
        if (m instanceof NftRule.InDevice d) return "iifname " + NftWords.device(d.dev()).getOrElseThrow(Unsafe::new);
        if (m instanceof NftRule.OutDevice d) return "oifname " + NftWords.device(d.dev()).getOrElseThrow(Unsafe::new);
        if (m instanceof NftRule.Address a) {
            return (a.family() == 4 ? "ip " : "ip6 ") + (a.source() ? "saddr " : "daddr ") + (a.masked() ? "& " + a.mask() + " @" : "@") + a.set();
        }
        if (m instanceof NftRule.Protocol p) return "meta l4proto " + p.protocol();
        NftRule.Port p = (NftRule.Port) m;
        List<String> each = p.ranges().map(r -> r.first() == r.last() ? String.valueOf(r.first()) : r.first() + "-" + r.last());
        return p.protocol() + (p.source() ? " sport " : " dport ") + (each.size() == 1 ? each.head() : "{ " + each.mkString(", ") + " }");
    }

    private static String statement(NftRule.Statement s) {
        if (s instanceof NftRule.Jump j) return "jump " + j.chain();
        if (s instanceof NftRule.Goto g) return "goto " + g.chain();
        if (s instanceof NftRule.MapJump m) return source(m.source()) + " vmap @" + m.map();
        if (s instanceof NftRule.Masquerade) return "masquerade";
        if (s instanceof NftRule.Drop) return "drop";
        if (s instanceof NftRule.SetHelper h) return "ct helper set \"" + h.helper() + "\"";
        if (s instanceof NftRule.Remember r) return "update @" + r.set() + " { ip saddr }";
        if (s instanceof NftRule.Unknown u) throw new Unsafe("a rule mlb does not write cannot be written: " + u.words());
        NftRule.SetMark m = (NftRule.SetMark) s;
        String what = m.connection() ? "ct mark" : "meta mark";
        return what + " set " + what + " and " + NftWords.hex(~m.mask() & 0xffffffffL) + " or " + NftWords.hex(m.mark());
    }

    private static String source(NftRule.Source s) {
        if (s instanceof NftRule.Counter c) return "numgen inc mod " + c.modulus();
        if (s instanceof NftRule.Random r) return "numgen random mod " + r.modulus();
        return "ct mark and " + NftWords.hex(((NftRule.ConnectionMark) s).mask());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** A word that cannot be written safely; the whole script is refused. */
    private static final class Unsafe extends RuntimeException {
        Unsafe(String message) {
            super(message);
        }
    }
}
