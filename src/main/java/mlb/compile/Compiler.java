package mlb.compile;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.model.NetState;
import mlb.model.Scope;
import mlb.spec.Balancer;
import mlb.spec.Link;
import mlb.spec.Spec;

/** Spec + host facts → the desired owned state, with notes on fallbacks taken. Pure. */
public final class Compiler {
    private Compiler() {
    }

    /** The desired state, the scope that makes it mlb's, and what the user should know about how it was made. */
    public record Compiled(NetState desired, Scope scope, List<String> notes) {
    }

    /** What mlb owns under a [balancer]: its protocol and its rule priorities (the tables come with a state). */
    public static Scope scope(Balancer b) {
        return Scope.of(b.protocol(), new Scope.Priorities(b.priorityBase(), b.priorityBase() + Balancer.PRIORITY_SPAN - 1));
    }

    public static Validation<List<String>, Compiled> compile(Spec spec, Facts facts) {
        return compile(spec, facts, Option.none());
    }

    /**
     * With the links that carry balanced traffic, when the monitor took some out (none: all of them). A name
     * that is not a link of the spec is ignored.
     */
    public static Validation<List<String>, Compiled> compile(Spec spec, Facts facts, Option<Set<String>> balancing) {
        List<Link> links = spec.linksByName();
        Layout layout = Layout.of(spec.balancer(), links);
        List<String> errors = links.flatMap(l -> deviceError(l, facts));
        errors = errors.appendAll(layout.tables().filter(t -> t._2 >= Layout.PLAIN_GROUP_OFFSET)
                .map(t -> "link " + t._1 + ": table " + t._2 + " is too large for mlb's nexthop ids (use a table below "
                        + Layout.PLAIN_GROUP_OFFSET + ")"));
        if (!errors.isEmpty()) return Validation.invalid(errors);
        List<String> sources = links.map(l -> source(l, facts).get());
        List<Link> members = balancing.map(in -> links.filter(l -> in.contains(l.name()))).getOrElse(links);
        NetState desired = NetState.of(RouteMode.objects(layout, links, facts, sources, members));
        return Validation.valid(new Compiled(desired, scope(spec.balancer()).covering(desired), notes(facts)));
    }

    private static List<String> deviceError(Link l, Facts facts) {
        if (!facts.devices().contains(l.dev())) {
            return List.of("link " + l.name() + ": device " + l.dev() + " does not exist (check dev, or bring the interface up first)");
        }
        if (source(l, facts).isEmpty()) {
            return List.of("link " + l.name() + ": device " + l.dev() + " has no IPv4 address (set source = \"ADDRESS\" in the link)");
        }
        return List.empty();
    }

    private static Option<String> source(Link l, Facts facts) {
        return l.source().orElse(() -> facts.addresses().get(l.dev()).flatMap(a -> a));
    }

    private static List<String> notes(Facts facts) {
        if (facts.resilientGroups()) return List.empty();
        return List.of("this kernel has no resilient nexthop groups (Linux and iproute2 5.13 or newer): using a plain "
                + "weighted group, so adding or removing a link may move flows of the other links");
    }
}
