package mlb.model;

import java.util.function.Function;

/**
 * An object in mlb's nftables table (family inet): the table itself, its conntrack helpers, sets and maps,
 * their elements, and chains with their rules. Domain values only; the nft driver owns the syntax. Every key
 * starts with the table's name, so two tables' objects never share an identity.
 */
public sealed interface NftObject extends KernelObject permits NftTable, NftHelper, NftSet, NftChain, NftElement, NftAddresses {
    /** The table the object lives in. */
    String table();

    /** Exhaustive dispatch over the nft kinds (see {@link KernelObject#match}). */
    <R> R matchNft(Function<NftTable, R> table, Function<NftHelper, R> helper, Function<NftSet, R> set,
                Function<NftChain, R> chain, Function<NftElement, R> element,
                Function<NftAddresses, R> list);

    @Override
    default <R> R match(Function<Sysctl, R> sysctl, Function<Nexthop, R> nexthop, Function<NexthopGroup, R> group,
                        Function<Route, R> route, Function<Rule, R> rule, Function<NftObject, R> nft) {
        return nft.apply(this);
    }

    /** Names of tables, chains, sets and helpers: what nft takes as a plain identifier. */
    static String name(String name, String what) {
        if (!Names.NFT.matcher(name).matches()) throw new IllegalArgumentException("not an nft " + what + " name: " + name);
        return name;
    }

    /** Compiled once: every element of a 100 000-prefix list checks its table's and set's names. */
    final class Names {
        static final java.util.regex.Pattern NFT = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,31}");

        private Names() {
        }
    }
}
