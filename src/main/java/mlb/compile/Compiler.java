package mlb.compile;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.model.NetState;
import mlb.model.Scope;
import mlb.spec.Balancer;
import mlb.spec.Code;
import mlb.spec.Connmark;
import mlb.spec.Diagnostic;
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
        Scope s = Scope.of(b.protocol(), new Scope.Priorities(b.priorityBase(), b.priorityBase() + Balancer.PRIORITY_SPAN - 1));
        return b.mode() == Balancer.Mode.CONNMARK ? s.withNftTable(b.connmark().nftTable()) : s;
    }

    /** Connmark mode: each link's mark (none in route mode, or when the mask has no room, which compile reports). */
    public static Option<io.vavr.collection.Map<String, Long>> marks(Spec spec) {
        if (spec.balancer().mode() != Balancer.Mode.CONNMARK) return Option.none();
        return Marks.assign(spec.linksByName(), spec.balancer().connmark().markMask()).toOption();
    }

    public static Validation<List<Diagnostic>, Compiled> compile(Spec spec, Facts facts) {
        return compile(spec, facts, Option.none());
    }

    /**
     * With the links that carry balanced traffic, when the monitor took some out (none: all of them). A name
     * that is not a link of the spec is ignored.
     */
    public static Validation<List<Diagnostic>, Compiled> compile(Spec spec, Facts facts, Option<Set<String>> balancing) {
        List<Link> links = spec.linksByName();
        Layout layout = Layout.of(spec.balancer(), links);
        List<Link> members = balancing.map(in -> links.filter(l -> in.contains(l.name()))).getOrElse(links);
        // A link the monitor took out whose device is gone, down or without carrier has no objects: the kernel
        // deleted its nexthops and would refuse new ones; they come back with the device.
        List<Link> idle = links.filter(l -> !members.contains(l) && !facts.device(l.dev()).exists(d -> d.usable()));
        List<Link> written = links.removeAll(idle);
        List<Diagnostic> errors = written.flatMap(l -> LinkChecks.problems(l, at(spec, l), facts));
        if (spec.balancer().mode() == Balancer.Mode.CONNMARK) {
            errors = errors.appendAll(LinkChecks.lanOverlaps(written, spec.balancer().connmark().lan(), facts));
        }
        errors = errors.appendAll(layout.tables().filter(t -> t._2 >= Layout.PLAIN_GROUP_OFFSET)
                .map(t -> Diagnostic.unplaced(Code.TABLE_TOO_LARGE, at(spec, t._1) + ".table", "link " + t._1 + ": table " + t._2
                        + " is too large for mlb's nexthop ids", "use a table below " + Layout.PLAIN_GROUP_OFFSET)));
        if (!errors.isEmpty()) return Validation.invalid(errors);
        List<String> sources = written.map(l -> LinkChecks.source(l, facts).get());
        errors = LinkChecks.sharedSources(written, sources);
        if (!errors.isEmpty()) return Validation.invalid(errors);
        Either<Diagnostic, NetState> desired = objects(spec, layout, written, facts, sources, members);
        if (desired.isLeft()) return Validation.invalid(List.of(desired.getLeft()));
        return Validation.valid(compiled(spec, desired.get(), facts, idle));
    }

    private static Either<Diagnostic, NetState> objects(Spec spec, Layout layout, List<Link> written, Facts facts,
                                                    List<String> sources, List<Link> members) {
        if (spec.balancer().mode() == Balancer.Mode.ROUTE) {
            // the lists' marks first: the pins' rules select them
            Either<Diagnostic, NetState> lists = RouteLists.needed(spec.pins())
                    ? RouteLists.objects(spec.balancer().connmark(), spec.pins()) : Either.right(NetState.empty());
            return lists.map(nft -> NetState.of(RouteMode.objects(layout, written, facts, sources, members, spec.pins())).merge(nft));
        }
        return Marks.assign(spec.linksByName(), spec.balancer().connmark().markMask())
                .mapLeft(full -> Diagnostic.unplaced(Code.NO_MARK_ROOM, at(spec, full._1) + ".mark", full._2, "give it a wider mask"))
                .map(marks -> ConnmarkMode.objects(layout, written, facts, sources, members, marks, spec.pins()));
    }

    /** Where a link is in the spec: link[i], i its place in the file. */
    private static String at(Spec spec, Link l) {
        return at(spec, l.name());
    }

    private static String at(Spec spec, String link) {
        return "link[" + spec.links().indexWhere(l -> l.name().equals(link)) + "]";
    }

    private static Compiled compiled(Spec spec, NetState desired, Facts facts, List<Link> idle) {
        return new Compiled(desired, scope(spec.balancer()).covering(desired),
                notes(spec, facts).appendAll(idle.map(l -> l.name() + " has no objects while device " + l.dev() + " "
                        + facts.device(l.dev()).flatMap(d -> d.unusableBecause()).getOrElse("does not exist")
                        + ": the kernel deleted its nexthops; they return with the device")));
    }

    private static List<String> notes(Spec spec, Facts facts) {
        return unNatted(spec).appendAll(groupNote(spec, facts)).appendAll(PinShadows.notes(spec.pins()));
    }

    /** nat = false is right when the ISP routes the LAN's addresses back, which mlb cannot see: it says so. */
    private static List<String> unNatted(Spec spec) {
        Connmark c = spec.balancer().connmark();
        if (spec.balancer().mode() != Balancer.Mode.CONNMARK || c.lan().isEmpty()) return List.empty();
        return spec.linksByName().filter(l -> !l.nat()).map(l -> "link " + l.name() + " has nat = false: connections from "
                + c.lan().mkString(", ") + " leave by it with their own addresses, so its ISP must route them back to this router");
    }

    private static List<String> groupNote(Spec spec, Facts facts) {
        boolean group = spec.balancer().mode() == Balancer.Mode.ROUTE || spec.balancer().connmark().local();
        if (facts.resilientGroups() || !group) return List.empty();
        return List.of("this kernel has no resilient nexthop groups (Linux and iproute2 5.13 or newer): using a plain "
                + "weighted group, so adding or removing a link may move flows of the other links");
    }
}
