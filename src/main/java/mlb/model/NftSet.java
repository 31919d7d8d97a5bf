package mlb.model;

import java.util.function.Function;

/**
 * A named set, or a verdict map (map = true: each element jumps to a chain). Its elements are objects of their
 * own ({@link NftElement}), so a changed list or weight changes elements only. The kernel cannot change a set's
 * key type or flags in place: such a change replaces it, with its elements.
 */
public record NftSet(String table, String name, KeyType keyType, boolean map, boolean interval) implements NftObject {
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
    public <R> R match(Function<NftTable, R> table, Function<NftHelper, R> helper, Function<NftSet, R> set,
                       Function<NftChain, R> chain, Function<NftElement, R> element) {
        return set.apply(this);
    }
}
