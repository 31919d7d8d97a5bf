package mlb.model;

import io.vavr.collection.List;

import java.util.function.Function;

/**
 * A weighted group of nexthops. Resilient groups keep flows on surviving members when a member leaves;
 * the kernel cannot change a group's type or bucket count in place, so those changes are replacements.
 */
public record NexthopGroup(int id, List<Member> members, boolean resilient, int buckets, int protocol)
        implements KernelObject {
    public NexthopGroup {
        if (id <= 0) throw new IllegalArgumentException("group id must be positive: " + id);
        if (members.isEmpty()) throw new IllegalArgumentException("group " + id + " has no members");
        if (resilient && buckets <= 0) throw new IllegalArgumentException("resilient group needs buckets");
        if (!resilient) buckets = 0;
        members = members.sortBy(Member::id);
    }

    /** One member of a group; weight 1..256 as the kernel allows. */
    public record Member(int id, int weight) {
        public Member {
            if (weight < 1 || weight > 256) throw new IllegalArgumentException("weight must be 1..256: " + weight);
        }
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.GROUP, ObjectKey.pad(id));
    }

    /** Whether the kernel can turn this group into other in place. */
    public boolean replaceableBy(NexthopGroup other) {
        return resilient == other.resilient && buckets == other.buckets;
    }

    @Override
    public <R> R match(Function<Sysctl, R> sysctl, Function<Nexthop, R> nexthop, Function<NexthopGroup, R> group,
                       Function<Route, R> route, Function<Rule, R> rule) {
        return group.apply(this);
    }
}
