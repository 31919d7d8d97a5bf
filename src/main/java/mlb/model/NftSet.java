package mlb.model;

import java.util.function.Function;

/**
 * A named set, or a verdict map (map = true: each element jumps to a chain). Its elements are objects of their
 * own ({@link NftElement}), so a changed list or weight changes elements only. The kernel cannot change a set's
 * key type or flags in place: such a change replaces it, with its elements. timeout (seconds, 0 for none): a
 * set that packets fill ({@link NftRule.Remember}), each element forgotten that long after it was last updated;
 * its elements are the traffic's, not mlb's, and are neither read nor written.
 */
public record NftSet(String table, String name, KeyType keyType, boolean map, boolean interval, long timeout) implements NftObject {
    /** Room for this many sources in a set that packets fill: the kernel refuses updates beyond its size. */
    public static final int DYNAMIC_SIZE = 65535;

    /** What a set's keys are: addresses, packet marks, or the slot a number generator picks. */
    public enum KeyType {
        IPV4("ipv4 address"), IPV6("ipv6 address"), MARK("mark"), SLOT("slot"),
        /** Read from the kernel only: a set mlb does not make (it is removed from mlb's table). */
        OTHER("a key mlb does not make");

        private final String label;

        KeyType(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public NftSet {
        NftObject.name(table, "table");
        NftObject.name(name, "set");
        if (timeout < 0 || timeout > 0 && (map || interval || keyType != KeyType.IPV4)) {
            throw new IllegalArgumentException("a set with a timeout holds IPv4 addresses, no intervals: " + name);
        }
    }

    /** A set mlb fills itself (no timeout). */
    public NftSet(String table, String name, KeyType keyType, boolean map, boolean interval) {
        this(table, name, keyType, map, interval, 0);
    }

    /** A set of source addresses that packets fill, each forgotten timeout seconds after its last update. */
    public static NftSet dynamic(String table, String name, long timeout) {
        if (timeout < 1) throw new IllegalArgumentException("timeout " + timeout);
        return new NftSet(table, name, KeyType.IPV4, false, false, timeout);
    }

    /** Whether packets fill it: its elements are not mlb's. */
    public boolean dynamic() {
        return timeout > 0;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.NFT_SET, table + " " + name);
    }

    /** Whether the kernel can turn this set into other without deleting it. */
    public boolean replaceableBy(NftSet other) {
        return equals(other);
    }

    @Override
    public <R> R matchNft(Function<NftTable, R> table, Function<NftHelper, R> helper, Function<NftSet, R> set,
                       Function<NftChain, R> chain, Function<NftElement, R> element,
                Function<NftAddresses, R> list) {
        return set.apply(this);
    }
}
