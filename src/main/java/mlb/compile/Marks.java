package mlb.compile;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import mlb.spec.Link;

/**
 * Each link's mark within the mask: the one the spec gives, else the next free multiple of the mask's lowest
 * bit, in name order, so a mark never depends on the order of links in the file. Pure.
 */
final class Marks {
    private Marks() {
    }

    /** The marks, or the link left without one and why. */
    static Either<Tuple2<String, String>, Map<String, Long>> assign(List<Link> byName, long mask) {
        long unit = Long.lowestOneBit(mask);
        java.util.Set<Long> taken = new java.util.HashSet<>(byName.flatMap(Link::mark).asJava());
        Map<String, Long> out = LinkedHashMap.empty();
        long next = unit;
        for (Link l : byName) {
            if (l.mark().isDefined()) {
                out = out.put(l.name(), l.mark().get());
                continue;
            }
            while (taken.contains(next)) next += unit;
            if ((next & ~mask) != 0) {
                return Either.left(Tuple.of(l.name(), String.format("link %s: mark_mask 0x%08x has no free mark left", l.name(), mask)));
            }
            out = out.put(l.name(), next);
            taken.add(next);
        }
        return Either.right(out);
    }
}
