package mlb.model;

/** Identity of a kernel object: its kind plus a key that sorts deterministically within the kind. */
public record ObjectKey(Kind kind, String id) implements Comparable<ObjectKey> {
    @Override
    public int compareTo(ObjectKey o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : id.compareTo(o.id);
    }

    /** The key of a nexthop or group with this id (one id space in the kernel, keyed apart by kind). */
    public static ObjectKey nexthop(Kind kind, int id) {
        return new ObjectKey(kind, pad(id));
    }

    public static ObjectKey route(int table, String dst, long metric) {
        return new ObjectKey(Kind.ROUTE, pad(table) + " " + dst + " " + pad(metric));
    }

    /** Zero-padded so that numeric fields sort numerically inside a string key. */
    static String pad(long n) {
        String digits = Long.toString(n);
        return digits.length() >= 10 ? digits : ZEROS.substring(digits.length()) + digits;
    }

    private static final String ZEROS = "0000000000";
}
