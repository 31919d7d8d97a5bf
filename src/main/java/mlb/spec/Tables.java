package mlb.spec;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import io.vavr.control.Validation;

import java.math.BigInteger;

/** Routing table numbers: which ones are the kernel's, and which one each link gets. */
public final class Tables {
    /** ip rule tables are u32 in the kernel, but iproute2 and most tools handle them as signed ints. */
    static final long MAX = Integer.MAX_VALUE;

    private Tables() {
    }

    /**
     * Every link's table by name: its own if the spec gives one, otherwise table_base+1, +2, ... in order of
     * link name, skipping tables given explicitly and the kernel's own (253..255).
     */
    public static SortedMap<String, Integer> assign(Balancer balancer, List<Link> links) {
        List<Tuple2<String, Integer>> given = links.flatMap(l -> l.table().map(t -> Tuple.of(l.name(), t)));
        List<Tuple2<String, Long>> assigned = automatic(balancer.tableBase(),
                links.filter(l -> l.table().isEmpty()).map(Link::name), links.flatMap(Link::table));
        return TreeMap.ofEntries(given.appendAll(assigned.map(t -> t.map2(Long::intValue))));
    }

    /** The assignment rule itself, in longs so that the parser can see a table_base that runs off the end. */
    static List<Tuple2<String, Long>> automatic(long base, List<String> names, List<Integer> taken) {
        List<Tuple2<String, Long>> assigned = List.empty();
        long next = base;
        for (String name : names.sorted()) {
            do next++; while ((taken.contains((int) next) || reserved(next).isDefined()) && next <= MAX);
            assigned = assigned.append(Tuple.of(name, next));
        }
        return assigned;
    }

    /** Why n cannot be a table, if it cannot. */
    static Option<String> problem(BigInteger n) {
        if (n.signum() == 0) return Option.some("table 0 is reserved for \"unspec\"");
        if (!Fields.within(n, 1, MAX)) return Option.some("must be 1.." + MAX + ", found " + n);
        return reserved(n.intValue()).map(name -> "table " + n + " is reserved for \"" + name + "\"");
    }

    static Option<String> reserved(long n) {
        if (n == 253) return Option.some("default");
        if (n == 254) return Option.some("main");
        if (n == 255) return Option.some("local");
        return n == 0 ? Option.some("unspec") : Option.none();
    }

    static Validation<Diagnostic, Integer> table(Node n, String example) {
        return Fields.integer(n, example).flatMap(v -> problem(v)
                .map(why -> Validation.<Diagnostic, Integer>invalid(n.problem(Code.BAD_VALUE, why,
                        "use a number from 1 to 252 or above 255, e.g. " + n.name() + " = " + example)))
                .getOrElse(() -> Validation.valid(v.intValue())));
    }
}
