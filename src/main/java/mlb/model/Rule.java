package mlb.model;

import io.vavr.control.Option;

import java.util.function.Function;

/**
 * An ip rule. Its identity is priority plus selector (source, output device, mark, and a pin's destination,
 * protocol and ports); the action (a table lookup with its suppress_prefixlength, or blackhole) can only change by
 * replacing the rule, since the kernel has no in-place update.
 *
 * @param table the table a LOOKUP rule looks in; 0 for BLACKHOLE
 */
public record Rule(int priority, Option<String> from, Option<String> oif, Option<Mark> fwmark, Match match,
                   Action action, int table, Option<Integer> suppressPrefixLength, int protocol) implements KernelObject {
    public static final int MAIN_TABLE = 254;

    public Rule {
        if (from.exists(String::isEmpty) || oif.exists(String::isEmpty)) throw new IllegalArgumentException("empty rule selector");
        if (action == Action.LOOKUP && table <= 0) throw new IllegalArgumentException("table must be positive: " + table);
        if (action == Action.BLACKHOLE && (table != 0 || suppressPrefixLength.isDefined())) {
            throw new IllegalArgumentException("a blackhole rule looks in no table");
        }
    }

    /** A lookup rule with no pin selectors: the rules of the balancing itself. */
    public Rule(int priority, Option<String> from, Option<String> oif, Option<Mark> fwmark, int table,
                Option<Integer> suppressPrefixLength, int protocol) {
        this(priority, from, oif, fwmark, Match.ANY, Action.LOOKUP, table, suppressPrefixLength, protocol);
    }

    /** The table a lookup rule points to; none for blackhole. */
    public Option<Integer> lookupTable() {
        return action == Action.LOOKUP ? Option.some(table) : Option.none();
    }

    /** What a matching packet gets: a lookup in the table, or dropped (a pin whose links are all down). */
    public enum Action { LOOKUP, BLACKHOLE }

    /** A port range, first..last; one port is first == last. */
    public record Ports(int first, int last) {
        public Ports {
            if (first < 1 || last > 65535 || first > last) throw new IllegalArgumentException("ports " + first + "-" + last);
        }

        /** As iproute2 takes it: N or N-M. */
        public String text() {
            return first == last ? String.valueOf(first) : first + "-" + last;
        }
    }

    /** A pin's selectors: destination prefix, IP protocol number, source and destination port ranges. */
    public record Match(Option<String> to, Option<Integer> ipproto, Option<Ports> sport, Option<Ports> dport) {
        public static final Match ANY = new Match(Option.none(), Option.none(), Option.none(), Option.none());

        public Match {
            if (to.exists(String::isEmpty)) throw new IllegalArgumentException("empty rule destination");
            if (ipproto.exists(p -> p < 0 || p > 255)) throw new IllegalArgumentException("ipproto " + ipproto.get());
        }

        /** In the order iproute2 prints them, each with its keyword. */
        public String text() {
            return to.map(t -> " to " + t).getOrElse("") + protocolText();
        }

        /** The protocol and ports, each with its keyword. */
        public String protocolText() {
            StringBuilder s = new StringBuilder();
            ipproto.forEach(p -> s.append(" ipproto ").append(p));
            sport.forEach(p -> s.append(" sport ").append(p.text()));
            dport.forEach(p -> s.append(" dport ").append(p.text()));
            return s.toString();
        }
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
        s.append(match.text());
        return s.length() == 0 ? "from all" : s.substring(1);
    }

    @Override
    public <R> R match(Function<Sysctl, R> sysctl, Function<Nexthop, R> nexthop, Function<NexthopGroup, R> group,
                       Function<Route, R> route, Function<Rule, R> rule, Function<NftObject, R> nft) {
        return rule.apply(this);
    }
}
