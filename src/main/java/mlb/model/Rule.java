package mlb.model;

import io.vavr.control.Option;

/**
 * An ip rule. Its identity is priority plus selector (from, oif, fwmark); the action (table,
 * suppress_prefixlength) can only change by replacing the rule, since the kernel has no in-place update.
 */
public record Rule(int priority, Option<String> from, Option<String> oif, Option<Long> fwmark,
                   int table, Option<Integer> suppressPrefixLength, int protocol) implements KernelObject {
    private static final int MAIN = 254;

    public Rule {
        from.forEach(f -> Tokens.require(f, "rule source"));
        oif.forEach(o -> Tokens.require(o, "rule oif"));
        if (table <= 0) throw new IllegalArgumentException("table must be positive: " + table);
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.RULE, ObjectKey.pad(priority) + " " + selector());
    }

    /** Selector words, e.g. `from 198.18.1.2` or `oif eth1`; `all` when it matches everything. */
    public String selector() {
        StringBuilder s = new StringBuilder();
        from.forEach(f -> s.append(" from ").append(f));
        oif.forEach(o -> s.append(" oif ").append(o));
        fwmark.forEach(m -> s.append(" fwmark 0x").append(Long.toHexString(m)));
        return s.length() == 0 ? "from all" : s.substring(1);
    }

    /** Action words, e.g. `lookup 201` or `lookup 254 suppress_prefixlength 0`. */
    public String action() {
        return "lookup " + (table == MAIN ? "main" : String.valueOf(table)) + suppressPrefixLength.map(n -> " suppress_prefixlength " + n).getOrElse("");
    }

    public boolean sameAction(Rule other) {
        return table == other.table && suppressPrefixLength.equals(other.suppressPrefixLength)
                && protocol == other.protocol;
    }

    @Override
    public String describe() {
        return "priority " + priority + " " + selector() + " " + action();
    }
}
