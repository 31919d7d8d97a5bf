package mlb.spec;

/** The [balancer] table. Owned rule priorities are priorityBase .. priorityBase + PRIORITY_SPAN - 1. */
public record Balancer(Mode mode, Hash hash, int priorityBase, int protocol, int tableBase, LastResort lastResort) {
    public static final int PRIORITY_SPAN = 100;
    public static final int DEFAULT_PRIORITY_BASE = 10000;
    public static final int DEFAULT_PROTOCOL = 250;
    public static final int DEFAULT_TABLE_BASE = 200;

    public static Balancer defaults() {
        return new Balancer(Mode.ROUTE, Hash.L4, DEFAULT_PRIORITY_BASE, DEFAULT_PROTOCOL, DEFAULT_TABLE_BASE, LastResort.MAIN);
    }

    public enum Mode { ROUTE, CONNMARK }

    /** l3: hash on addresses only; l4: on addresses and ports (per connection). */
    public enum Hash { L3, L4 }

    /** What traffic does when no link is left: fall through to main, or fail fast. */
    public enum LastResort { MAIN, UNREACHABLE }
}
