package mlb.model;

import io.vavr.control.Option;

import java.util.function.Function;

/**
 * An ip rule. Its identity is priority plus selector (source, output device, mark); the action (table,
 * suppress_prefixlength) can only change by replacing the rule, since the kernel has no in-place update.
 */
public record Rule(int priority, Option<String> from, Option<String> oif, Option<Long> fwmark,
                   int table, Option<Integer> suppressPrefixLength, int protocol) implements KernelObject {
    public static final int MAIN_TABLE = 254;

    public Rule {
        if (from.exists(String::isEmpty) || oif.exists(String::isEmpty)) throw new IllegalArgumentException("empty rule selector");
        if (table <= 0) throw new IllegalArgumentException("table must be positive: " + table);
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
        fwmark.forEach(m -> s.append(" fwmark 0x").append(Long.toHexString(m)));
        return s.length() == 0 ? "from all" : s.substring(1);
    }

    @Override
    public <R> R match(Function<Sysctl, R> sysctl, Function<Nexthop, R> nexthop, Function<NexthopGroup, R> group,
                       Function<Route, R> route, Function<Rule, R> rule) {
        return rule.apply(this);
    }
}
