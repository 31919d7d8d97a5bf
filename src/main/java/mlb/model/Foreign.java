package mlb.model;

import io.vavr.collection.TreeMap;

/**
 * What the kernel holds that mlb does not own, as far as reads saw it: counted for the plan's summary, and the
 * identities kept where a desired object would collide with one (a foreign route in an owned table, a foreign
 * nexthop with an id mlb wants). Never planned against. odd: objects of a shape the model does not hold (a
 * blackhole nexthop, a multipath route), by the identity they take, in the kernel's words. nftTables: the other
 * nftables tables (a firewall's, Docker's), which mlb never reads further, let alone touches.
 */
public record Foreign(int rules, int routes, int nexthops, TreeMap<ObjectKey, KernelObject> colliding,
                      TreeMap<ObjectKey, String> odd, int nftTables) {
    public static final Foreign NONE = new Foreign(0, 0, 0, TreeMap.empty(), TreeMap.empty(), 0);

    public Foreign(int rules, int routes, int nexthops, TreeMap<ObjectKey, KernelObject> colliding,
                   TreeMap<ObjectKey, String> odd) {
        this(rules, routes, nexthops, colliding, odd, 0);
    }

    public Foreign(int rules, int routes, int nexthops, TreeMap<ObjectKey, KernelObject> colliding) {
        this(rules, routes, nexthops, colliding, TreeMap.empty());
    }

    /** Foreign nftables tables only. */
    public static Foreign nftTables(int count) {
        return new Foreign(0, 0, 0, TreeMap.empty(), TreeMap.empty(), count);
    }

    public int total() {
        return rules + routes + nexthops + nftTables;
    }

    /** What two reads of different kinds saw together. */
    public Foreign plus(Foreign other) {
        return new Foreign(rules + other.rules, routes + other.routes, nexthops + other.nexthops,
                colliding.merge(other.colliding), odd.merge(other.odd), nftTables + other.nftTables);
    }
}
