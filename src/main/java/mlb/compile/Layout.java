package mlb.compile;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import mlb.spec.Balancer;
import mlb.spec.Link;
import mlb.spec.Pin;
import mlb.spec.Tables;

/**
 * Numbers mlb gives to what it creates. Link tables come from {@link Tables#assign}; a link's nexthop id is its table number, so ids never depend on the order
 * of links in the file. Group ids differ by type because the kernel cannot change a group's type in place.
 */
public record Layout(Balancer balancer, Map<String, Integer> tables) {
    public static final int PLAIN_GROUP_OFFSET = 1_000_000;
    public static final int RESILIENT_BUCKETS = 512;
    static final long LAST_RESORT_METRIC = 4294967295L;
    private static final int FIRST_PIN = 40;
    private static final int BALANCE = FIRST_PIN + Pin.ROUTE_MODE_LIMIT;

    public static Layout of(Balancer balancer, List<Link> links) {
        return new Layout(balancer, Tables.assign(balancer, links));
    }

    public int balanceTable() {
        return balancer.tableBase();
    }

    public int table(Link link) {
        return tables.get(link.name()).get();
    }

    public int nexthopId(Link link) {
        return table(link);
    }

    public int groupId(boolean resilient) {
        return resilient ? balanceTable() : PLAIN_GROUP_OFFSET + balanceTable();
    }

    /** Owned rule priorities, from the base: main's specific routes first, then replies, then balancing. */
    public int suppressMainPriority() {
        return balancer.priorityBase();
    }

    public int fromPriority() {
        return balancer.priorityBase() + 10;
    }

    public int oifPriority() {
        return balancer.priorityBase() + 20;
    }

    /** Connmark mode: a packet with a link's mark to the link's table. */
    public int markPriority() {
        return balancer.priorityBase() + 30;
    }

    /** Route mode: the rules of the pin at index i (in file order), between the marks and the balancing. */
    public int pinPriority(int i) {
        return balancer.priorityBase() + FIRST_PIN + i;
    }

    public int balancePriority() {
        return balancer.priorityBase() + BALANCE;
    }
}
