package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * IPv4 addresses and prefixes in the one spelling mlb compares and renders: dotted quad without leading zeros
 * (some tools read "010" as octal, so we refuse to guess), prefixes as "a.b.c.d/n" with host bits zero.
 * Pure: no name resolution, ever.
 */
public final class Ipv4 {
    private Ipv4() {
    }

    /** The canonical dotted quad, or none if text is not exactly one. */
    public static Option<String> address(String text) {
        return parse(text, false).map(Ipv4::format);
    }

    /**
     * The canonical "a.b.c.d/n", or none. A bare address means /32 and "default" means 0.0.0.0/0;
     * host bits must be zero, so that every prefix has one spelling.
     */
    public static Option<String> prefix(String text) {
        return parsePrefix(text, false).filter(Prefix::isNetwork).map(Prefix::toString);
    }

    /** Whether text is an IPv6 address or prefix, so we can say "not supported yet" instead of "invalid". */
    public static boolean isIpv6(String text) {
        if (text == null || text.indexOf(':') < 0) return false;
        String s = text;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            if (length(s.substring(slash + 1), 128).isEmpty()) return false;
            s = s.substring(0, slash);
        }
        int gap = s.indexOf("::");
        if (gap < 0) return groups(s) == 8;
        if (s.indexOf("::", gap + 1) >= 0) return false;
        int head = gap == 0 ? 0 : groups(s.substring(0, gap));
        int tail = gap + 2 == s.length() ? 0 : groups(s.substring(gap + 2));
        return head >= 0 && tail >= 0 && head + tail <= 7;
    }

    /**
     * Where an address stands in the network of an interface address host/length: outside it, or its network or
     * broadcast address (which no router has, on networks larger than /31), or an ordinary host in it.
     */
    public enum Place { OUTSIDE, NETWORK, BROADCAST, HOST }

    public static Place place(String address, String host, int length) {
        int a = parse(address, false).get();
        Prefix net = new Prefix(parse(host, false).get(), length).network();
        if ((a & net.mask()) != net.address()) return Place.OUTSIDE;
        if (length <= 30 && a == net.address()) return Place.NETWORK;
        if (length <= 30 && a == (net.address() | ~net.mask())) return Place.BROADCAST;
        return Place.HOST;
    }

    /** The network an interface address host/length is in, as "a.b.c.d/n". */
    public static String network(String host, int length) {
        return new Prefix(parse(host, false).get(), length).network().toString();
    }

    /**
     * The canonical prefixes given, without those another one covers (and without repeats), by network: what they
     * match together, in a form an nftables interval set takes (it refuses overlapping elements).
     */
    public static List<String> outermost(List<String> prefixes) {
        return outermost(prefixes, new long[0]);
    }

    /** The canonical prefixes given and those packed (as packed() gives them) together. */
    static List<String> outermost(List<String> prefixes, long[] packed) {
        long[] all = java.util.Arrays.copyOf(packed, packed.length + prefixes.size());
        int i = packed.length;
        for (String p : prefixes) {
            all[i] = packed(p);
            if (all[i++] < 0) throw new IllegalArgumentException("not a canonical IPv4 prefix: " + p);
        }
        return outermost(all, all.length);
    }

    /**
     * The same for the first n of prefixes packed as packed() gives them (a list file's 100 000 lines go through
     * here as numbers, formatted once at the end). Sorting the packed numbers sorts by network, then length.
     */
    static List<String> outermost(long[] packed, int n) {
        long[] sorted = java.util.Arrays.copyOf(packed, n);
        java.util.Arrays.sort(sorted);
        java.util.List<String> kept = new java.util.ArrayList<>(n);
        Prefix last = null;
        for (long x : sorted) {
            Prefix p = new Prefix((int) (x >>> 8), (int) (x & 255));
            // kept prefixes are disjoint and in order: only the last one can cover this one
            if (last != null && (p.address() & last.mask()) == last.address() && p.length() >= last.length()) continue;
            kept.add(p.toString());
            last = p;
        }
        return List.ofAll(kept);
    }

    /** A canonical prefix (network address, length; a host without /32 is /32) as address << 8 | length; -1 if not one. */
    static long packed(String text) {
        int slash = text.indexOf('/');
        long address = quad(slash < 0 ? text : text.substring(0, slash));
        if (address < 0) return -1;
        int length = 32;
        if (slash >= 0) {
            Option<Integer> n = length(text.substring(slash + 1), 32);
            if (n.isEmpty()) return -1;
            length = n.get();
        }
        Prefix p = new Prefix((int) address, length);
        return p.isNetwork() ? address << 8 | length : -1;
    }

    /**
     * Whether every prefix of inner lies inside one of outer, which is as outermost() gives it (disjoint, in
     * order): each is looked up by a binary search over outer (100 000 in 100 000: 0.2-0.5 s in a JVM with the
     * launcher's C1 flags).
     */
    public static boolean allInside(List<String> inner, List<String> outer) {
        // an array list: a vavr list's asJava() view walks the list on every get (30 s for 100 000 in 100 000)
        java.util.List<Prefix> out = new java.util.ArrayList<>(outer.map(p -> parsePrefix(p, false).get()).asJava());
        long[] starts = out.stream().mapToLong(p -> Integer.toUnsignedLong(p.address())).toArray();
        for (String text : inner) {
            Prefix p = parsePrefix(text, false).get();
            int at = java.util.Arrays.binarySearch(starts, Integer.toUnsignedLong(p.address()));
            int i = at >= 0 ? at : -at - 2;
            if (i < 0) return false;
            Prefix o = out.get(i);
            if ((p.address() & o.mask()) != o.address() || p.length() < o.length()) return false;
        }
        return true;
    }

    /** A prefix whose host bits may still be set; network() clears them. */
    record Prefix(int address, int length) {
        int mask() {
            return length == 0 ? 0 : -1 << (32 - length);
        }

        boolean isNetwork() {
            return (address & ~mask()) == 0;
        }

        Prefix network() {
            return new Prefix(address & mask(), length);
        }

        @Override
        public String toString() {
            return format(address) + "/" + length;
        }
    }

    /** lenient accepts leading zeros, so that a diagnostic can propose the spelling the user meant. */
    static Option<Integer> parse(String text, boolean lenient) {
        if (text == null) return Option.none();
        if (!lenient) {
            long q = quad(text);
            return q < 0 ? Option.none() : Option.some((int) q);
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) return Option.none();
        int value = 0;
        for (String part : parts) {
            Option<Integer> octet = number(part, lenient ? 5 : 3, lenient, 255);
            if (octet.isEmpty()) return Option.none();
            value = value << 8 | octet.get();
        }
        return Option.some(value);
    }

    /**
     * The strict form of parse in one pass without splitting (a 100 000-line list file is read on every plan):
     * four octets of 1 to 3 ASCII digits, no leading zeros, at most 255; -1 for anything else.
     */
    private static long quad(String text) {
        return mlb.model.NftAddresses.parse(text, true);
    }

    static Option<Prefix> parsePrefix(String text, boolean lenient) {
        if (text == null) return Option.none();
        if (text.equals("default")) return Option.some(new Prefix(0, 0));
        int slash = text.indexOf('/');
        if (slash < 0) return parse(text, lenient).map(a -> new Prefix(a, 32));
        return parse(text.substring(0, slash), lenient).flatMap(a ->
                length(text.substring(slash + 1), 32).map(n -> new Prefix(a, n)));
    }

    static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
    }

    private static Option<Integer> length(String text, int max) {
        return number(text, 3, false, max);
    }

    /** ASCII digits only: Character.isDigit would let other scripts' digits through. */
    private static Option<Integer> number(String text, int maxDigits, boolean leadingZeros, int max) {
        if (text.isEmpty() || text.length() > maxDigits) return Option.none();
        if (!leadingZeros && text.length() > 1 && text.charAt(0) == '0') return Option.none();
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return Option.none();
            value = value * 10 + (c - '0');
        }
        return value <= max ? Option.some(value) : Option.none();
    }

    /** Counts the 16-bit groups of one side of an IPv6 "::" (an IPv4 tail counts two); -1 if malformed. */
    private static int groups(String text) {
        String[] parts = text.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && part.indexOf('.') >= 0) {
                if (parse(part, false).isEmpty()) return -1;
                count += 2;
            } else if (part.matches("[0-9A-Fa-f]{1,4}")) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }
}
