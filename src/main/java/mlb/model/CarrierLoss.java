package mlb.model;

import io.vavr.collection.List;

/**
 * What the kernel does by itself, and says nothing of (no nexthop or route notification), when a device that is
 * up loses its carrier: it deletes the nexthops on that device, a group loses them as members (a group left with
 * none goes too), and a route through a deleted nexthop id goes with it. Routes with a gateway on the device
 * stay (marked linkdown). The monitor applies this to the state it read, instead of reading it all again.
 */
public final class CarrierLoss {
    private CarrierLoss() {
    }

    public static NetState after(NetState state, String dev) {
        List<Integer> gone = state.all(Nexthop.class).filter(n -> n.dev().equals(dev)).map(Nexthop::id).toList();
        NetState out = state;
        for (Nexthop n : state.all(Nexthop.class).filter(n -> gone.contains(n.id()))) out = out.without(n.key());
        List<Integer> emptied = List.empty();
        for (NexthopGroup g : state.all(NexthopGroup.class)) {
            List<NexthopGroup.Member> left = g.members().filter(m -> !gone.contains(m.id()));
            if (left.size() == g.members().size()) continue;
            if (left.isEmpty()) {
                out = out.without(g.key());
                emptied = emptied.append(g.id());
            } else {
                out = out.with(new NexthopGroup(g.id(), left, g.resilient(), g.buckets(), g.idleTimer(), g.unbalancedTimer(),
                        g.protocol()));
            }
        }
        List<Integer> deleted = gone.appendAll(emptied);
        for (Route r : state.all(Route.class)) {
            if (r.target().match(gw -> false, grp -> deleted.contains(grp.nhid()), u -> false)) out = out.without(r.key());
        }
        return out;
    }
}
