package mlb.model;

import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;

/**
 * What is mlb's on a target: objects carrying its route protocol, rules inside its priority ranges, routes in
 * the tables it names (and any table holding routes of its protocol), the kernel settings it sets, and its
 * nftables tables (family inet) with everything in them.
 * Everything else is foreign: counted, never planned against. The plan, the audit record, a saved plan and a
 * pending confirm all carry the scope they were made for, so a later run reads exactly what they meant.
 */
public record Scope(int protocol, SortedSet<Priorities> priorities, SortedSet<Integer> tables,
                    SortedSet<String> sysctls, SortedSet<String> nftTables) {
    public Scope {
        if (protocol < 1 || protocol > 255) throw new IllegalArgumentException("protocol must be 1..255: " + protocol);
        if (priorities.isEmpty()) throw new IllegalArgumentException("a scope owns at least one priority range");
    }

    /** A range of rule priorities, first..last inclusive. */
    public record Priorities(int first, int last) implements Comparable<Priorities> {
        public Priorities {
            if (first < 0 || last < first) throw new IllegalArgumentException("bad priority range " + first + ".." + last);
        }

        public boolean contains(int priority) {
            return priority >= first && priority <= last;
        }

        @Override
        public int compareTo(Priorities o) {
            return first != o.first ? Integer.compare(first, o.first) : Integer.compare(last, o.last);
        }
    }

    /** A scope without nftables (route mode, and entries recorded before there was any). */
    public Scope(int protocol, SortedSet<Priorities> priorities, SortedSet<Integer> tables, SortedSet<String> sysctls) {
        this(protocol, priorities, tables, sysctls, TreeSet.empty());
    }

    public static Scope of(int protocol, Priorities priorities) {
        return new Scope(protocol, TreeSet.of(priorities), TreeSet.empty(), TreeSet.empty());
    }

    /** This scope, also owning an nftables table. */
    public Scope withNftTable(String name) {
        return new Scope(protocol, priorities, tables, sysctls, nftTables.add(name));
    }

    /** Whether a rule of mlb's protocol at this priority is mlb's. */
    public boolean ownsPriority(int priority) {
        return priorities.exists(p -> p.contains(priority));
    }

    /** This scope, also covering the tables and settings a state holds. */
    public Scope covering(NetState state) {
        return new Scope(protocol, priorities, tables.addAll(state.tables()),
                sysctls.addAll(state.all(Sysctl.class).map(Sysctl::name)),
                nftTables.addAll(state.all(NftTable.class).map(NftTable::name)));
    }

    /**
     * Both scopes together, when they share a protocol: after priority_base or a table changed, what the
     * earlier apply made is still mlb's to remove. Objects of another protocol are not ours to touch.
     */
    public Scope union(Scope other) {
        if (other.protocol != protocol) return this;
        return new Scope(protocol, priorities.addAll(other.priorities), tables.addAll(other.tables),
                sysctls.addAll(other.sysctls), nftTables.addAll(other.nftTables));
    }
}
