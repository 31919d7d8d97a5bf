package mlb.model;

import io.vavr.collection.List;

import java.util.function.Function;

/**
 * A weighted group of nexthops. Resilient groups keep flows on surviving members when a member leaves; a bucket
 * moves to another member only once it has been idle for idleTimer seconds, or, when unbalancedTimer is not 0,
 * once the group has been out of balance that long. The kernel cannot change a group's type or bucket count in
 * place, so those changes are replacements; its timers change in place.
 */
public record NexthopGroup(int id, List<Member> members, boolean resilient, int buckets, int idleTimer,
                           int unbalancedTimer, int protocol) implements KernelObject {
    /** The kernel's own timers for a resilient group. */
    public static final int DEFAULT_IDLE_TIMER = 120, DEFAULT_UNBALANCED_TIMER = 0;

    public NexthopGroup {
        if (id <= 0) throw new IllegalArgumentException("group id must be positive: " + id);
        if (members.isEmpty()) throw new IllegalArgumentException("group " + id + " has no members");
        if (resilient && buckets <= 0) throw new IllegalArgumentException("resilient group needs buckets");
        if (idleTimer < 0 || unbalancedTimer < 0) throw new IllegalArgumentException("negative group timer");
        if (!resilient) {
            buckets = 0;
            idleTimer = 0;
            unbalancedTimer = 0;
        }
        members = members.sortBy(Member::id);
    }

    /** A group with the kernel's default timers. */
    public NexthopGroup(int id, List<Member> members, boolean resilient, int buckets, int protocol) {
        this(id, members, resilient, buckets, DEFAULT_IDLE_TIMER, DEFAULT_UNBALANCED_TIMER, protocol);
    }

    /** Whether the timers are the kernel's defaults (plans then do not mention them). */
    public boolean defaultTimers() {
        return !resilient || idleTimer == DEFAULT_IDLE_TIMER && unbalancedTimer == DEFAULT_UNBALANCED_TIMER;
    }

    /** One member of a group; weight 1..256 as the kernel allows. */
    public record Member(int id, int weight) {
        public Member {
            if (weight < 1 || weight > 256) throw new IllegalArgumentException("weight must be 1..256: " + weight);
        }
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.nexthop(Kind.GROUP, id);
    }

    /** Whether the kernel can turn this group into other in place. */
    public boolean replaceableBy(NexthopGroup other) {
        return resilient == other.resilient && buckets == other.buckets;
    }

    @Override
    public <R> R match(Function<Sysctl, R> sysctl, Function<Nexthop, R> nexthop, Function<NexthopGroup, R> group,
                       Function<Route, R> route, Function<Rule, R> rule, Function<NftObject, R> nft) {
        return group.apply(this);
    }
}
