package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;

/** The whole document: top-level keys, [balancer], every [[link]], the rules across links, [monitor], [[hook]]. */
final class SpecRules {
    private static final String ADD_LINK = "add a [[link]] table with name, dev and gateway";

    private SpecRules() {
    }

    static Validation<List<Diagnostic>, Spec> check(Node root, String source, ListFiles files) {
        Option<Node> balancerNode = root.get("balancer");
        Validation<List<Diagnostic>, Balancer> balancer = BalancerRules.read(balancerNode);
        List<LinkDraft> drafts = root.get("link").map(Node::array).getOrElse(List.empty())
                .filter(Node::isTable).map(LinkRules::read);
        Validation<List<Diagnostic>, Monitor> monitor =
                MonitorRules.read(root.get("monitor"), root.get("hook"), linkNames(drafts));
        Validation<List<Diagnostic>, List<Pin>> pins = PinRules.read(root.get("pin"), linkNames(drafts), files);
        List<Diagnostic> problems = Keys.unknown(root, Keys.TOP)
                .appendAll(Problems.of(balancer))
                .appendAll(linkShape(root))
                .appendAll(drafts.flatMap(LinkDraft::problems))
                .appendAll(LinkSet.check(drafts, BalancerRules.tableBase(balancerNode)))
                .appendAll(Problems.of(monitor))
                .appendAll(balancer.map(b -> ConnmarkChecks.check(root, b, drafts)).getOrElse(List.empty()))
                .appendAll(Problems.of(pins))
                .appendAll(balancer.map(b -> PinRules.routeModeLimit(root, b)).getOrElse(List.empty()));
        if (!problems.isEmpty()) return Validation.invalid(problems);
        return Validation.valid(new Spec(balancer.get(), LinkSet.links(drafts), monitor.get(), source, pins.get()));
    }

    /** The names hooks may refer to; none when a link has no valid name (or there is none), so a hook is not blamed. */
    private static Option<List<String>> linkNames(List<LinkDraft> drafts) {
        boolean named = !drafts.isEmpty() && drafts.forAll(d -> d.name().isValid());
        return named ? Option.some(drafts.map(d -> d.name().get())) : Option.none();
    }

    /** link must be a non-empty array of tables; the tables in a wrong array are still checked by the caller. */
    private static List<Diagnostic> linkShape(Node root) {
        Option<Node> link = root.get("link");
        if (link.isEmpty()) return List.of(root.missing("link", "at least one [[link]] is required", ADD_LINK));
        Node l = link.get();
        if (!(l.value() instanceof List)) {
            return List.of(l.problem(Code.WRONG_TYPE, "expected [[link]] tables, found " + l.typeName(),
                    "write [[link]], with double brackets, above each link's keys"));
        }
        if (l.array().isEmpty()) return List.of(l.problem(Code.MISSING_KEY, "at least one [[link]] is required", ADD_LINK));
        return l.array().filter(e -> !e.isTable())
                .map(e -> e.problem(Code.WRONG_TYPE, "expected a table, found " + e.typeName(), "write each link as a [[link]] table"));
    }
}
