package mlb.engine;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.spec.Link;
import mlb.spec.Spec;

/**
 * A what-if for `mlb plan --assume isp2=down,isp3=up`: links taken as down or up on top of what a running
 * monitor holds (or of every link up without one), so a plan shows what the monitor would apply if they were.
 */
public record Assumption(Map<String, Boolean> up) {
    public static final Assumption NONE = new Assumption(TreeMap.empty());

    /** LINK=down or LINK=up words, as the CLI takes them; a mistake is named. */
    public static Either<String, Assumption> parse(List<String> words) {
        Map<String, Boolean> up = TreeMap.empty();
        for (String w : words) {
            String[] kv = w.split("=", 2);
            if (kv.length != 2 || !(kv[1].equals("down") || kv[1].equals("up")) || kv[0].isEmpty()) {
                return Either.left("--assume takes LINK=down or LINK=up, not '" + w + "'");
            }
            if (up.containsKey(kv[0])) return Either.left("--assume names " + kv[0] + " twice");
            up = up.put(kv[0], kv[1].equals("up"));
        }
        return Either.right(new Assumption(up));
    }

    /** The balancing with the assumption on top, and a note saying so; a link the spec lacks is refused. */
    Either<Refusal, Monitors.Balancing> over(Monitors.Balancing balancing, Spec spec) {
        if (up.isEmpty()) return Either.right(balancing);
        Set<String> names = TreeSet.ofAll(spec.links().map(Link::name));
        Option<String> unknown = up.keySet().find(n -> !names.contains(n));
        if (unknown.isDefined()) {
            return Either.left(Refusal.of(Refusal.Reason.USAGE, "--assume names " + unknown.get() + ", which is not a link of the spec",
                    List.of("links: " + names.mkString(", "))));
        }
        Set<String> in = balancing.links().getOrElse(names).removeAll(up.filterValues(u -> !u).keySet())
                .addAll(up.filterValues(u -> u).keySet());
        String note = "assumed " + up.map(e -> e._1 + " " + (e._2 ? "up" : "down")).mkString(", ")
                + ": the plan the monitor would apply (what-if; nothing of it is the kernel's state)";
        List<String> kept = balancing.notes().filter(n -> up.keySet().forAll(l -> !n.startsWith(l + " ")));
        return Either.right(new Monitors.Balancing(Option.some(in), kept.append(note)));
    }
}
