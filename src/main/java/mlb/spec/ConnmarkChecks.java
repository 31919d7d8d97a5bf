package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The rules of mode "connmark" across [balancer] and the links: it must balance something, the links' marks
 * lie within the mask and differ, and what this version does only in route mode is refused by name. In route
 * mode, the links' connmark keys are mistakes of their own.
 */
final class ConnmarkChecks {
    private ConnmarkChecks() {
    }

    static List<Diagnostic> check(Node root, Balancer b, List<LinkDraft> links) {
        if (b.mode() == Balancer.Mode.ROUTE) return links.flatMap(ConnmarkChecks::outOfMode);
        Connmark c = b.connmark();
        Node balancer = root.get("balancer").get();
        List<Diagnostic> out = List.empty();
        if (c.lan().isEmpty() && !c.local()) {
            out = out.append(balancer.problem(Code.CONFLICT, "mode \"connmark\" balances nothing: no lan and local = false",
                    "add lan = [\"10.77.0.0/16\"] (the networks behind this router) or local = true (this host's own connections)"));
        }
        if (c.lan().isEmpty() && root.get("pin").isDefined()) {
            out = out.append(root.get("pin").get().keyProblem(Code.CONFLICT, "[[pin]] steers new connections from lan, and lan is empty",
                    "add lan = [\"10.77.0.0/16\"] (the networks behind this router) to [balancer]"));
        }
        if (b.lastResort() == Balancer.LastResort.UNREACHABLE) {
            out = out.append(balancer.get("last_resort").get().problem(Code.NOT_HERE,
                    "last_resort = \"unreachable\" is not supported in mode \"connmark\" in this version",
                    "use last_resort = \"keep\" or \"main\""));
        }
        return out.appendAll(links.flatMap(l -> pins(l).appendAll(mark(l, c.markMask()))))
                .appendAll(duplicateMarks(links));
    }

    private static List<Diagnostic> outOfMode(LinkDraft l) {
        return List.of("nat", "mark").flatMap(k -> l.node().get(k)).map(ConnmarkRules::keyOutOfMode);
    }

    private static List<Diagnostic> pins(LinkDraft l) {
        return l.routes().getOrElse(List.empty()).take(1).map(p -> p.node().problem(Code.NOT_HERE,
                "[[link.route]] is not supported in mode \"connmark\" in this version",
                "remove the [[link.route]] tables, or use mode = \"route\""));
    }

    private static List<Diagnostic> mark(LinkDraft l, long mask) {
        Option<Long> mark = l.mark().getOrElse(Option.none());
        if (mark.isEmpty() || (mark.get() & ~mask) == 0) return List.empty();
        return List.of(l.at("mark").problem(Code.CONFLICT, String.format("mark 0x%x has bits outside mark_mask 0x%08x", mark.get(), mask),
                String.format("use a mark within the mask, e.g. mark = 0x%08x, or leave mark out to have one assigned",
                        Long.lowestOneBit(mask))));
    }

    private static List<Diagnostic> duplicateMarks(List<LinkDraft> links) {
        java.util.Map<Long, LinkDraft> first = new java.util.HashMap<>();
        List<Diagnostic> out = List.empty();
        for (LinkDraft l : links) {
            Option<Long> mark = l.mark().getOrElse(Option.none());
            if (mark.isEmpty()) continue;
            LinkDraft earlier = first.putIfAbsent(mark.get(), l);
            if (earlier != null) {
                out = out.append(l.at("mark").problem(Code.DUPLICATE, String.format("duplicate mark 0x%x, first used by link %s",
                        mark.get(), earlier.name().getOrElse("?")), "give each link its own mark"));
            }
        }
        return out;
    }
}
