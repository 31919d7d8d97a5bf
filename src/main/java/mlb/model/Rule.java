package mlb.model;

import io.vavr.control.Option;

import java.util.function.Function;

/**
 * An ip rule. Its identity is priority plus selector (source, output device, mark); the action (table,
 * suppress_prefixlength) can only change by replacing the rule, since the kernel has no in-place update.
 */
public record Rule(int priority, Option<String> from, Option<String> oif, Option<Mark> fwmark,
                   int table, Option<Integer> suppressPrefixLength, int protocol) implements KernelObject {
    public static final int MAIN_TABLE = 254;

    public Rule {
        if (from.exists(String::isEmpty) || oif.exists(String::isEmpty)) throw new IllegalArgumentException("empty rule selector");
        if (table <= 0) throw new IllegalArgumentException("table must be positive: " + table);
    }

    /** A packet mark to match: the bits under mask equal value (a whole-word mask matches the mark exactly). */
    public record Mark(long value, long mask) {
        public static final long ALL = 0xffffffffL;

        public Mark {
            if (mask <= 0 || mask > ALL || (value & ~mask) != 0) {
                throw new IllegalArgumentException("mark 0x" + Long.toHexString(value) + "/0x" + Long.toHexString(mask));
            }
        }

        public static Mark exactly(long value) {
            return new Mark(value, ALL);
        }

        /** As iproute2 writes and prints it: 0xVALUE, with /0xMASK unless the mask is the whole word. */
        public String text() {
            return "0x" + Long.toHexString(value) + (mask == ALL ? "" : "/0x" + Long.toHexString(mask));
        }
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.RULE, ObjectKey.pad(priority) + " " + selectorKey());
    }

    /** The selector part of the identity, in a fixed order so keys sort the same way every time. */
    private String selectorKey() {
        StringBuilder s = new StringBuilder();
        from.forEach(f -> s.append(" from ").append(f));
        oif.forEach(o -> s.append(" oif ").append(o));
        fwmark.forEach(m -> s.append(" fwmark ").append(m.text()));
        return s.length() == 0 ? "from all" : s.substring(1);
    }

    @Override
    public <R> R match(Function<Sysctl, R> sysctl, Function<Nexthop, R> nexthop, Function<NexthopGroup, R> group,
                       Function<Route, R> route, Function<Rule, R> rule, Function<NftObject, R> nft) {
        return rule.apply(this);
    }
}
