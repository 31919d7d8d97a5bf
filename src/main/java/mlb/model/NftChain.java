package mlb.model;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.util.function.Function;

/**
 * A chain of mlb's table and its rules, in order. A base chain is hooked into the packet path (policy accept:
 * mlb marks and translates, it never filters); a regular chain runs only when a rule or map jumps to it. A change
 * of rules rewrites the chain inside the apply's one transaction, so no packet sees half of it; a change of hook
 * replaces the chain.
 */
public record NftChain(String table, String name, Option<Hook> hook, List<NftRule> rules) implements NftObject {
    public NftChain {
        NftObject.name(table, "table");
        NftObject.name(name, "chain");
    }

    /**
     * Where a base chain sits: its type, its hook and its priority among the other chains there. mlb's chains
     * accept what they do not act on; drops is read from the kernel only (a chain with policy drop is not mlb's
     * making, and is replaced).
     */
    public record Hook(Type type, Point point, int priority, boolean drops) {
        public Hook(Type type, Point point, int priority) {
            this(type, point, priority, false);
        }

        public enum Type { FILTER, NAT, ROUTE }

        public enum Point { PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING }

        /** The priority nft calls mangle: after conntrack (-200), before destination NAT (-100). */
        public static final int MANGLE = -150;
        /** srcnat: where masquerading belongs. */
        public static final int SRCNAT = 100;
    }

    public static NftChain base(String table, String name, Hook hook, List<NftRule> rules) {
        return new NftChain(table, name, Option.some(hook), rules);
    }

    public static NftChain regular(String table, String name, List<NftRule> rules) {
        return new NftChain(table, name, Option.none(), rules);
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.NFT_CHAIN, table + " " + name);
    }

    /** Whether the kernel can turn this chain into other in place (its rules rewritten in the transaction). */
    public boolean replaceableBy(NftChain other) {
        return hook.equals(other.hook);
    }

    @Override
    public <R> R matchNft(Function<NftTable, R> table, Function<NftHelper, R> helper, Function<NftSet, R> set,
                       Function<NftChain, R> chain, Function<NftElement, R> element,
                Function<NftAddresses, R> list) {
        return chain.apply(this);
    }
}
