package mlb.model;

/** An object mlb owns in the kernel. Two objects with the same key are the same kernel object. */
public sealed interface KernelObject permits Sysctl, Nexthop, NexthopGroup, Route, Rule {
    ObjectKey key();

    /** One-line human description, as in plan output. */
    String describe();

    default Kind kind() {
        return key().kind();
    }
}
