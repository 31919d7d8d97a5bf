package mlb.plan;

import io.vavr.Tuple2;
import io.vavr.collection.Iterator;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.Change;
import mlb.model.KernelObject;
import mlb.model.Kind;
import mlb.model.NetState;
import mlb.model.NftAddresses;
import mlb.model.NftChain;
import mlb.model.NftElement;
import mlb.model.NftSet;
import mlb.model.NexthopGroup;
import mlb.model.Route;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;

/**
 * Computes the plan from current to desired in one merge walk over the two sorted states: O(n) after the
 * O(n log n) the sorted maps cost to build.
 *
 * Order: creates, updates and replaces go sysctl → nexthop → group → route → nft → rule, so everything an object
 * refers to exists before it; deletes then go rule → route → group → nexthop, so nothing is removed while
 * something still refers to it. Every nft change (creates, updates and deletes) sits in one block at the nft
 * place, because the driver writes them as one transaction and orders them inside it. Sysctls are never
 * deleted: mlb sets them but a kernel setting has no absence.
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
                if (cur._2 instanceof NftAddresses gone) gone.elements().forEach(e -> addDelete(deletes, e));
                else addDelete(deletes, cur._2);
                cur = next(c);
            } else if (cmp > 0) {
                if (des._2 instanceof NftAddresses made) made.elements().forEach(e -> add(forward, new Change.Create(e)));
                else add(forward, new Change.Create(des._2));
                des = next(d);
            } else {
                if (cur._2 instanceof NftAddresses was && des._2 instanceof NftAddresses is) {
                    // a list changes element by element: only the addresses that differ
                    was.diff(is, e -> addDelete(deletes, e), e -> add(forward, new Change.Create(e)));
                } else {
                    compare(cur._2, des._2, forward);
                }
                cur = next(c);
                des = next(d);
            }
        }
        recreateRoutesOfReplacedGroups(current, desired, forward, deletes);
        recreateElementsOfReplacedSets(current, desired, forward);
        rewriteChainsUsingReplaced(current, desired, forward);
        java.util.List<Change> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (k == Kind.RULE) {
                java.util.List<Kind> nft = new ArrayList<>(Kind.nftKinds());
                java.util.Collections.reverse(nft);
                nft.forEach(n -> out.addAll(deletes.getOrDefault(n, java.util.List.of())));
            }
            out.addAll(forward.getOrDefault(k, java.util.List.of()));
        }
        for (int i = Kind.values().length - 1; i >= 0; i--) {
            Kind k = Kind.values()[i];
            if (!k.nft()) out.addAll(deletes.getOrDefault(k, java.util.List.of()));
        }
        return List.ofAll(out);
    }

    /**
     * Deleting a set deletes its elements: those of a replaced set that stay as they are are made again. A set held
     * as a list (NftAddresses) is never replaced: only a plain IPv4 set is one, and two such sets of one name are equal.
     */
    private static void recreateElementsOfReplacedSets(NetState current, NetState desired,
                                                       Map<Kind, java.util.List<Change>> forward) {
        java.util.Set<String> replaced = new java.util.HashSet<>();
        for (Change ch : forward.getOrDefault(Kind.NFT_SET, java.util.List.of())) {
            if (ch instanceof Change.Replace r && r.before() instanceof NftSet set) replaced.add(set.table() + " " + set.name());
        }
        if (replaced.isEmpty()) return;
        for (NftElement e : desired.all(NftElement.class)) {
            if (replaced.contains(e.table() + " " + e.set()) && current.get(e.key()).contains(e)) {
                add(forward, new Change.Replace(e, e));
            }
        }
        java.util.List<Change> elements = forward.get(Kind.NFT_ELEMENT);
        if (elements != null) elements.sort(java.util.Comparator.comparing(Change::key));
    }

    /**
     * The kernel refuses to delete a set or helper a rule still uses, so a chain whose rules use a replaced one
     * is rewritten in the same transaction (flushed first, its same rules added after), though it did not change.
     */
    private static void rewriteChainsUsingReplaced(NetState current, NetState desired,
                                                   Map<Kind, java.util.List<Change>> forward) {
        java.util.Set<String> replaced = new java.util.HashSet<>();
        for (Kind k : List.of(Kind.NFT_SET, Kind.NFT_HELPER)) {
            for (Change ch : forward.getOrDefault(k, java.util.List.of())) {
                if (ch instanceof Change.Replace r && r.before() instanceof mlb.model.NftObject o) replaced.add(o.table() + " " + name(o));
            }
        }
        if (replaced.isEmpty()) return;
        for (NftChain c : desired.all(NftChain.class)) {
            boolean uses = c.rules().exists(r -> r.uses().exists(n -> replaced.contains(c.table() + " " + n)));
            if (uses && current.get(c.key()).contains(c)) add(forward, new Change.Update(c, c));
        }
        java.util.List<Change> chains = forward.get(Kind.NFT_CHAIN);
        if (chains != null) chains.sort(java.util.Comparator.comparing(Change::key));
    }

    private static String name(mlb.model.NftObject o) {
        return o instanceof NftSet s ? s.name() : o instanceof mlb.model.NftHelper h ? h.name() : "";
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

    /**
     * Rules have no in-place update; groups only keep their type and bucket count in place; nft chains keep
     * their hook (their rules are rewritten), elements change their value, other nft objects are replaced.
     */
    private static boolean inPlace(KernelObject before, KernelObject after) {
        return before.match(s -> true, n -> true, g -> after instanceof NexthopGroup a && g.replaceableBy(a),
                r -> true, r -> false, nft -> nft.matchNft(t -> false, h -> false, set -> false,
                        c -> after instanceof NftChain a && c.replaceableBy(a), e -> true, l -> true));
    }

    private static Option<Integer> groupId(KernelObject o) {
        return o instanceof NexthopGroup g ? Option.some(g.id()) : Option.none();
    }

    /** The group a route sends its packets to, if it is a route through a group. */
    private static Option<Integer> viaGroup(KernelObject o) {
        return o instanceof Route r ? r.target().match(gw -> Option.none(), g -> Option.some(g.nhid()), u -> Option.none())
                : Option.none();
    }

    private static void addDelete(Map<Kind, java.util.List<Change>> deletes, KernelObject o) {
        if (o.kind() != Kind.SYSCTL) add(deletes, new Change.Delete(o));
    }

    private static void add(Map<Kind, java.util.List<Change>> m, Change change) {
        m.computeIfAbsent(change.key().kind(), k -> new ArrayList<>()).add(change);
    }

    private static <T> T next(java.util.Iterator<T> it) {
        return it.hasNext() ? it.next() : null;
    }
}
