package mlb.plan;

import io.vavr.Tuple2;
import io.vavr.collection.Iterator;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.Change;
import mlb.model.KernelObject;
import mlb.model.Kind;
import mlb.model.NetState;
import mlb.model.NexthopGroup;
import mlb.model.Route;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;

/**
 * Computes the plan from current to desired in one merge walk over the two sorted states: O(n) after the
 * O(n log n) the sorted maps cost to build.
 *
 * Order: creates, updates and replaces go sysctl → nexthop → group → route → rule, so everything an object
 * refers to exists before it; deletes then go rule → route → group → nexthop, so nothing is removed while
 * something still refers to it. Sysctls are never deleted: mlb sets them but a kernel setting has no absence.
 */
public final class Diff {
    private Diff() {
    }

    /** The changes that turn current into desired, in an order that keeps every intermediate state valid. */
    public static List<Change> changes(NetState current, NetState desired) {
        Map<Kind, java.util.List<Change>> forward = new EnumMap<>(Kind.class);
        Map<Kind, java.util.List<Change>> deletes = new EnumMap<>(Kind.class);
        Iterator<Tuple2<mlb.model.ObjectKey, KernelObject>> c = current.objects().iterator();
        Iterator<Tuple2<mlb.model.ObjectKey, KernelObject>> d = desired.objects().iterator();
        Tuple2<mlb.model.ObjectKey, KernelObject> cur = next(c);
        Tuple2<mlb.model.ObjectKey, KernelObject> des = next(d);
        while (cur != null || des != null) {
            int cmp = cur == null ? 1 : des == null ? -1 : cur._1.compareTo(des._1);
            if (cmp < 0) {
                addDelete(deletes, cur._2);
                cur = next(c);
            } else if (cmp > 0) {
                add(forward, new Change.Create(des._2));
                des = next(d);
            } else {
                compare(cur._2, des._2, forward);
                cur = next(c);
                des = next(d);
            }
        }
        recreateRoutesOfReplacedGroups(current, desired, forward, deletes);
        return List.ofAll(flatten(forward, Kind.values(), false)).appendAll(flatten(deletes, Kind.values(), true));
    }

    private static void compare(KernelObject before, KernelObject after, Map<Kind, java.util.List<Change>> out) {
        if (before.equals(after)) return;
        add(out, inPlace(before, after) ? new Change.Update(before, after) : new Change.Replace(before, after));
    }

    /**
     * Deleting a group makes the kernel drop every route through it, so a group that must be replaced takes
     * its unchanged routes with it; they are planned again (as replacements) right after. Routes through it
     * that are to go are deleted just before it instead of after: once the kernel has dropped them, a later
     * `route del` would find nothing, or another route of the same prefix with a higher metric.
     */
    private static void recreateRoutesOfReplacedGroups(NetState current, NetState desired,
                                                       Map<Kind, java.util.List<Change>> forward,
                                                       Map<Kind, java.util.List<Change>> deletes) {
        java.util.Set<Integer> replaced = new java.util.HashSet<>();
        for (Change ch : forward.getOrDefault(Kind.GROUP, java.util.List.of())) {
            if (ch instanceof Change.Replace r) groupId(r.before()).forEach(replaced::add);
        }
        if (replaced.isEmpty()) return;
        java.util.List<Change> goingWithGroup = new ArrayList<>();
        java.util.List<Change> routeDeletes = deletes.getOrDefault(Kind.ROUTE, new ArrayList<>());
        for (java.util.Iterator<Change> it = routeDeletes.iterator(); it.hasNext(); ) {
            Change ch = it.next();
            if (viaGroup(ch.subject()).exists(replaced::contains)) {
                goingWithGroup.add(ch);
                it.remove();
            }
        }
        forward.get(Kind.GROUP).addAll(0, goingWithGroup);
        for (Route r : desired.all(Route.class)) {
            if (viaGroup(r).exists(replaced::contains) && current.get(r.key()).contains(r)) {
                add(forward, new Change.Replace(r, r));
            }
        }
        java.util.List<Change> routes = forward.get(Kind.ROUTE);
        if (routes != null) routes.sort(java.util.Comparator.comparing(Change::key));
    }

    /** Rules have no in-place update; groups only keep their type and bucket count in place. */
    private static boolean inPlace(KernelObject before, KernelObject after) {
        return before.match(s -> true, n -> true, g -> after instanceof NexthopGroup a && g.replaceableBy(a),
                r -> true, r -> false);
    }

    private static Option<Integer> groupId(KernelObject o) {
        return o.match(s -> Option.none(), n -> Option.none(), g -> Option.some(g.id()), r -> Option.none(),
                r -> Option.none());
    }

    /** The group a route sends its packets to, if it is a route through a group. */
    private static Option<Integer> viaGroup(KernelObject o) {
        return o.match(s -> Option.none(), n -> Option.none(), g -> Option.none(),
                r -> r.target().match(gw -> Option.none(), g -> Option.some(g.nhid()), u -> Option.none()),
                r -> Option.none());
    }

    private static void addDelete(Map<Kind, java.util.List<Change>> deletes, KernelObject o) {
        if (o.kind() != Kind.SYSCTL) add(deletes, new Change.Delete(o));
    }

    private static void add(Map<Kind, java.util.List<Change>> m, Change change) {
        m.computeIfAbsent(change.key().kind(), k -> new ArrayList<>()).add(change);
    }

    private static java.util.List<Change> flatten(Map<Kind, java.util.List<Change>> m, Kind[] order,
                                                  boolean reverse) {
        java.util.List<Change> out = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            Kind k = order[reverse ? order.length - 1 - i : i];
            out.addAll(m.getOrDefault(k, java.util.List.of()));
        }
        return out;
    }

    private static <T> T next(java.util.Iterator<T> it) {
        return it.hasNext() ? it.next() : null;
    }
}
