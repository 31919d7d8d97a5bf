package mlb.model;

import io.vavr.collection.List;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The addresses of a plain IPv4 set (a pin's list: 100 000 of them is a country's) as one object holding sorted
 * numbers, not an object, a key and a tree node each. A plan still changes single elements: Diff compares two such
 * lists and names the elements that differ (as NftElements), so a changed list adds and deletes only those.
 * NetState.of folds a plain set's elements into one of these, so a state holds a list one way whoever made it
 * (compile, the nft reader, an audit record, a test).
 */
public final class NftAddresses implements NftObject {
    private final String table;
    private final String set;
    /** Distinct, in ascending order as unsigned numbers (0.0.0.0 first, 255.255.255.255 last). */
    private final int[] addresses;

    /** Its items one a line, and their sha256: made at most once (a record and the monitor's journal name the list by them). */
    private volatile String lines, sha256;

    private NftAddresses(String table, String set, int[] sorted) {
        this.table = NftObject.name(table, "table");
        this.set = NftObject.name(set, "set");
        this.addresses = sorted;
    }

    /** The addresses in any order, repeats counting once. */
    public static NftAddresses of(String table, String set, int[] addresses) {
        int[] a = addresses.clone();
        for (int i = 0; i < a.length; i++) a[i] ^= Integer.MIN_VALUE;   // signed order of the flipped = unsigned order
        Arrays.sort(a);
        int n = 0;
        for (int i = 0; i < a.length; i++) if (n == 0 || a[i] != a[n - 1]) a[n++] = a[i];
        int[] out = Arrays.copyOf(a, n);
        for (int i = 0; i < n; i++) out[i] ^= Integer.MIN_VALUE;
        return new NftAddresses(table, set, out);
    }

    /** The addresses as nft writes them, in any order; none if one of them is not a bare IPv4 address. */
    public static io.vavr.control.Option<NftAddresses> of(String table, String set, java.util.List<String> texts) {
        int[] a = new int[texts.size()];
        for (int i = 0; i < a.length; i++) {
            long v = parse(texts.get(i));
            if (v < 0) return io.vavr.control.Option.none();
            a[i] = (int) v;
        }
        return io.vavr.control.Option.some(of(table, set, a));
    }

    /** The sets among objects whose elements are kept as one list, as "table set". */
    public static java.util.Set<String> listedSets(Iterable<? extends KernelObject> objects) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (KernelObject o : objects) if (o instanceof NftSet s && listed(s)) out.add(s.table() + " " + s.name());
        return out;
    }

    /** An element of a plain IPv4 set that such a list holds: a bare address, no verdict. */
    public static boolean holds(NftElement e) {
        return e.jump().isEmpty() && e.item() instanceof NftElement.Prefix p && parse(p.prefix()) >= 0;
    }

    /** Whether a set's elements are kept as one list: a plain IPv4 set that mlb fills (no interval, map or timeout). */
    public static boolean listed(NftSet s) {
        return s.keyType() == NftSet.KeyType.IPV4 && !s.map() && !s.interval() && s.timeout() == 0;
    }

    @Override
    public String table() {
        return table;
    }

    public String set() {
        return set;
    }

    public int size() {
        return addresses.length;
    }

    /** The i-th address, as nft writes it. */
    public String text(int i) {
        int a = addresses[i];
        return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }

    /** The addresses one a line, each line ended: the text a record keeps a long list in. */
    public String lines() {
        String made = lines;
        if (made == null) {
            StringBuilder b = new StringBuilder(addresses.length * 14);
            for (int i = 0; i < addresses.length; i++) b.append(text(i)).append('\n');
            lines = made = b.toString();
        }
        return made;
    }

    /** The hex sha256 of lines(). */
    public String sha256() {
        String made = sha256;
        if (made == null) sha256 = made = StateJson.sha256(lines());
        return made;
    }

    public NftElement element(int i) {
        return NftElement.of(table, set, new NftElement.Prefix(text(i)));
    }

    /** Each address as an element of its own, in order. */
    public List<NftElement> elements() {
        java.util.List<NftElement> out = new java.util.ArrayList<>(addresses.length);
        for (int i = 0; i < addresses.length; i++) out.add(element(i));
        return List.ofAll(out);
    }

    /**
     * What turns this list into other, in one merge walk over the two sorted arrays: gone gets each address only
     * this one holds, added each only other holds.
     */
    public void diff(NftAddresses other, java.util.function.Consumer<NftElement> gone, java.util.function.Consumer<NftElement> added) {
        int i = 0, j = 0;
        while (i < addresses.length || j < other.addresses.length) {
            int c = i == addresses.length ? 1 : j == other.addresses.length ? -1
                    : Integer.compareUnsigned(addresses[i], other.addresses[j]);
            if (c < 0) gone.accept(element(i++));
            else if (c > 0) added.accept(other.element(j++));
            else {
                i++;
                j++;
            }
        }
    }

    /** A dotted IPv4 address as a number, or -1 (as a long) when it is not one: no regex, 100 000 to a list. */
    public static long parse(String a) {
        return parse(a, false);
    }

    /** The same; canonical refuses leading zeros (010.0.0.1: some tools read them as octal). */
    public static long parse(String a, boolean canonical) {
        long value = 0;
        int octet = 0, digits = 0, part = 0;
        for (int i = 0; i <= a.length(); i++) {
            char c = i < a.length() ? a.charAt(i) : '.';
            if (c >= '0' && c <= '9' && digits < 3) {
                if (canonical && digits == 1 && part == 0) return -1;
                part = part * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && part <= 255 && octet < 4) {
                value = value << 8 | part;
                octet++;
                digits = 0;
                part = 0;
            } else {
                return -1;
            }
        }
        return octet == 4 ? value : -1;
    }

    /** Sorts before the set's own elements, if any were ever made alongside. */
    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.NFT_ELEMENT, table + " " + set + " ");
    }

    @Override
    public <R> R matchNft(Function<NftTable, R> table, Function<NftHelper, R> helper, Function<NftSet, R> set,
                       Function<NftChain, R> chain, Function<NftElement, R> element, Function<NftAddresses, R> list) {
        return list.apply(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NftAddresses x && x.table.equals(table) && x.set.equals(set) && Arrays.equals(x.addresses, addresses);
    }

    @Override
    public int hashCode() {
        return (table.hashCode() * 31 + set.hashCode()) * 31 + Arrays.hashCode(addresses);
    }

    @Override
    public String toString() {
        return "NftAddresses[" + table + " " + set + ": " + addresses.length + " addresses]";
    }
}
