package mlb.model;

import io.vavr.collection.Iterator;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

/** The objects mlb owns in one network namespace, keyed by identity and sorted for deterministic output. */
public record NetState(TreeMap<ObjectKey, KernelObject> objects) {
    private static final NetState EMPTY = new NetState(TreeMap.empty());

    public static NetState empty() {
        return EMPTY;
    }

    /** The objects, a plain IPv4 set's elements folded into one list (NftAddresses), as every state holds them. */
    public static NetState of(Iterable<? extends KernelObject> given) {
        java.util.List<KernelObject> objects = new java.util.ArrayList<>();
        given.forEach(objects::add);   // walked twice below, and an iterator walks once
        java.util.Set<String> listed = NftAddresses.listedSets(objects);
        java.util.Map<String, java.util.List<NftElement>> elements = new java.util.HashMap<>();
        TreeMap<ObjectKey, KernelObject> m = TreeMap.empty();
        for (KernelObject o : objects) {
            if (o instanceof NftElement e && listed.contains(e.table() + " " + e.set()) && NftAddresses.holds(e)) {
                elements.computeIfAbsent(e.table() + " " + e.set(), k -> new java.util.ArrayList<>()).add(e);
                continue;
            }
            m = put(m, o);
        }
        for (java.util.List<NftElement> list : elements.values()) m = put(m, fold(list));
        return new NetState(m);
    }

    /** One walk down the tree, not two (containsKey, then put). */
    private static TreeMap<ObjectKey, KernelObject> put(TreeMap<ObjectKey, KernelObject> m, KernelObject o) {
        TreeMap<ObjectKey, KernelObject> next = m.put(o.key(), o);
        if (next.size() == m.size()) throw new IllegalArgumentException("two objects with one identity: " + o.key());
        return next;
    }

    /** A set's elements as its list (put() refuses a list of it given as well: one identity, two objects). */
    private static NftAddresses fold(java.util.List<NftElement> list) {
        NftElement first = list.get(0);
        java.util.List<String> texts = list.stream().map(e -> e.item().text()).toList();
        NftAddresses folded = NftAddresses.of(first.table(), first.set(), texts).get();   // holds() checked each
        if (folded.size() < list.size()) throw new IllegalArgumentException("two objects with one identity in set " + first.set());
        return folded;
    }

    public NetState with(KernelObject o) {
        return new NetState(objects.put(o.key(), o));
    }

    public NetState without(ObjectKey key) {
        return new NetState(objects.remove(key));
    }

    /** Both states' objects; where both hold one identity, this one's object wins. */
    public NetState merge(NetState other) {
        return new NetState(other.objects.merge(objects, (theirs, ours) -> ours));
    }

    public Option<KernelObject> get(ObjectKey key) {
        return objects.get(key);
    }

    public boolean isEmpty() {
        return objects.isEmpty();
    }

    public int size() {
        return objects.size();
    }

    public Iterator<KernelObject> all() {
        return objects.valuesIterator();
    }

    public <T extends KernelObject> Seq<T> all(Class<T> type) {
        return objects.values().filter(type::isInstance).map(type::cast);
    }

    /** The tables this state's routes live in and its rules point to (main, local, default excluded). */
    public SortedSet<Integer> tables() {
        Seq<Integer> routeTables = all(Route.class).map(Route::table);
        Seq<Integer> ruleTables = all(Rule.class).flatMap(Rule::lookupTable).filter(t -> !kernelTable(t));
        return TreeSet.ofAll(routeTables).addAll(ruleTables);
    }

    /** default (253), main (254) and local (255): the kernel's own tables, never mlb's to read whole or own. */
    public static boolean kernelTable(int table) {
        return table >= 253 && table <= 255;
    }
}
