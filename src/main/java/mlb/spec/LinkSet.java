package mlb.spec;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.spec.LinkDraft.Share;

import java.util.function.Function;

/** Rules across links: what must be unique, and weight and bandwidth not mixed. Also resolves the weights. */
final class LinkSet {
    private static final String MIX_HINT = "pick one: give every link a weight, or every link a bandwidth";

    private LinkSet() {
    }

    static List<Diagnostic> check(List<LinkDraft> links, Validation<Diagnostic, Integer> tableBase) {
        return duplicates(values(links, "name", l -> l.name().toOption()), "link name", "give each link its own name")
                .appendAll(duplicates(values(links, "dev", l -> l.dev().toOption()), "dev",
                        "give each link its own interface"))
                .appendAll(duplicates(values(links, "source", l -> l.source().toOption().flatMap(a -> a)), "source",
                        "give each link its own address, or leave source out to read it from dev"))
                .appendAll(balancingTable(links, tableBase))
                .appendAll(duplicates(values(links, "table", l -> l.table().toOption().flatMap(t -> t)), "table",
                        "give each link its own table, or leave table out to have one assigned"))
                .appendAll(duplicates(links.flatMap(l -> l.routes().getOrElse(List.empty()))
                        .map(p -> Tuple.of(p.prefix(), p.node())), "route", "pin each destination to one link"))
                .appendAll(mixedShares(links))
                .appendAll(assignedTables(links, tableBase));
    }

    /** The links of drafts without problems, with bandwidths turned into weights. */
    static List<Link> links(List<LinkDraft> drafts) {
        List<Share> shares = drafts.map(d -> d.share().get());
        List<Integer> weights = shares.exists(Share.Rate.class::isInstance)
                ? Bandwidth.weights(shares.map(s -> ((Share.Rate) s).bitsPerSecond()))
                : shares.map(s -> ((Share.Weight) s).value());
        return drafts.zipWith(weights, LinkDraft::link);
    }

    /** The valid values of one key across links, each with the node it was written at. */
    private static List<Tuple2<Object, Node>> values(List<LinkDraft> links, String key,
                                                     Function<LinkDraft, Option<?>> value) {
        return links.flatMap(l -> value.apply(l).map(v -> Tuple.<Object, Node>of(v, l.at(key))));
    }

    /** Every repeat after the first, pointing back at the first. */
    private static List<Diagnostic> duplicates(List<? extends Tuple2<?, Node>> items, String what, String hint) {
        Map<Object, Node> first = HashMap.empty();
        List<Diagnostic> found = List.empty();
        for (Tuple2<?, Node> item : items) {
            Option<Node> earlier = first.get(item._1);
            if (earlier.isDefined()) {
                found = found.append(item._2.problem(Code.DUPLICATE, "duplicate " + what + " " + shown(item._1)
                        + ", first used by " + where(earlier.get()), hint));
            } else {
                first = first.put(item._1, item._2);
            }
        }
        return found;
    }

    private static List<Diagnostic> balancingTable(List<LinkDraft> links, Validation<Diagnostic, Integer> tableBase) {
        return links.flatMap(l -> l.table().toOption().flatMap(t -> t)
                .filter(t -> tableBase.isValid() && t.equals(tableBase.get()))
                .map(t -> l.at("table").problem(Code.CONFLICT, "table " + t + " is balancer.table_base, the balancing table",
                        "use another table, or leave table out to have one assigned")));
    }

    /** Implicit weights count as weights: a link without bandwidth among links with one is the same mistake. */
    private static List<Diagnostic> mixedShares(List<LinkDraft> links) {
        Option<LinkDraft> rated = links.find(l -> l.share().toOption().exists(Share.Rate.class::isInstance));
        if (rated.isEmpty()) return List.empty();
        String other = describe(rated.get());
        return links.flatMap(l -> l.share().toOption()
                .filter(Share.Weight.class::isInstance).map(Share.Weight.class::cast)
                .map(w -> w.given()
                        ? l.at("weight").keyProblem(Code.CONFLICT, "weight and bandwidth are mixed: " + other + " uses bandwidth", MIX_HINT)
                        : l.node().missing("bandwidth",
                        "missing bandwidth: " + other + " uses bandwidth, so every link needs one", MIX_HINT)));
    }

    /** Checked with the documented assignment itself, so that the compiler never meets a reserved table. */
    private static List<Diagnostic> assignedTables(List<LinkDraft> links, Validation<Diagnostic, Integer> tableBase) {
        boolean readable = tableBase.isValid() && links.forAll(l -> l.name().isValid() && l.table().isValid());
        if (!readable || links.map(l -> l.name().get()).distinct().size() != links.size()) return List.empty();
        List<Tuple2<String, Long>> assigned = Tables.automatic(tableBase.get(),
                links.filter(l -> l.table().get().isEmpty()).map(l -> l.name().get()),
                links.flatMap(l -> l.table().get()));
        return assigned.flatMap(a -> reason(a._2).map(why -> {
            LinkDraft link = links.find(l -> l.name().get().equals(a._1)).get();
            return link.node().missing("table", "would be assigned table " + a._2 + ", " + why,
                    "give this link a table, or choose another balancer.table_base, e.g. "
                            + Balancer.DEFAULT_TABLE_BASE);
        }));
    }

    private static Option<String> reason(long table) {
        if (table > Tables.MAX) return Option.some("above the highest table " + Tables.MAX);
        return Tables.reserved(table).map(name -> "which is reserved for \"" + name + "\"");
    }

    private static String describe(LinkDraft link) {
        return link.name().map(n -> "link \"" + n + "\"").getOrElse(link.node().path());
    }

    private static String shown(Object value) {
        return value instanceof String s ? Problems.quote(s) : String.valueOf(value);
    }

    /** "link[0] on line 5": where the first of two equal values was written. */
    private static String where(Node first) {
        String link = first.path().replaceAll("^(link\\[\\d+]).*", "$1");
        return first.at().known() ? link + " on line " + first.at().line() : link;
    }
}
