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

    public static NetState of(Iterable<? extends KernelObject> objects) {
        TreeMap<ObjectKey, KernelObject> m = TreeMap.empty();
        for (KernelObject o : objects) {
            ObjectKey key = o.key();
            // one walk down the tree, not two (containsKey, then put): a list's 100 000 elements are put on every read
            TreeMap<ObjectKey, KernelObject> next = m.put(key, o);
            if (next.size() == m.size()) throw new IllegalArgumentException("two objects with one identity: " + key);
            m = next;
        }
        return new NetState(m);
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
