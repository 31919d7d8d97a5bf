package mlb.model;

import java.util.function.Function;

/** A kernel setting, e.g. net.ipv4.fib_multipath_hash_policy. Never deleted, only set. */
public record Sysctl(String name, String value) implements KernelObject {
    public Sysctl {
        if (name.isEmpty() || value.isEmpty()) throw new IllegalArgumentException("sysctl needs a name and a value");
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.SYSCTL, name);
    }

    @Override
    public <R> R match(Function<Sysctl, R> sysctl, Function<Nexthop, R> nexthop, Function<NexthopGroup, R> group,
                       Function<Route, R> route, Function<Rule, R> rule, Function<NftObject, R> nft) {
        return sysctl.apply(this);
    }
}
