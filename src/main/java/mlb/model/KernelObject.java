package mlb.model;

import java.util.function.Function;

/** An object mlb owns in the kernel. Two objects with the same key are the same kernel object. */
public sealed interface KernelObject permits Sysctl, Nexthop, NexthopGroup, Route, Rule, NftObject {
    ObjectKey key();

    default Kind kind() {
        return key().kind();
    }

    /**
     * Exhaustive dispatch over the kinds: adding a kind adds a parameter, so every place that handles objects
     * fails to compile until it handles the new one too (Java 17 has no pattern switch). The nftables objects
     * come as one family with a dispatch of their own ({@link NftObject#match}).
     */
    <R> R match(Function<Sysctl, R> sysctl, Function<Nexthop, R> nexthop, Function<NexthopGroup, R> group,
                Function<Route, R> route, Function<Rule, R> rule, Function<NftObject, R> nft);
}
