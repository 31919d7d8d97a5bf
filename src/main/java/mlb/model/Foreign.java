package mlb.model;

import io.vavr.collection.TreeMap;

/**
 * What the kernel holds that mlb does not own, as far as reads saw it: counted for the plan's summary, and the
 * identities kept where a desired object would collide with one (a foreign route in an owned table, a foreign
 * nexthop with an id mlb wants). Never planned against.
 */
public record Foreign(int rules, int routes, int nexthops, TreeMap<ObjectKey, KernelObject> colliding) {
    public static final Foreign NONE = new Foreign(0, 0, 0, TreeMap.empty());

    public int total() {
        return rules + routes + nexthops;
    }

    /** What two reads of different kinds saw together. */
    public Foreign plus(Foreign other) {
        return new Foreign(rules + other.rules, routes + other.routes, nexthops + other.nexthops,
                colliding.merge(other.colliding));
    }
}
