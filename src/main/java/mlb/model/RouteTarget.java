package mlb.model;

import java.util.function.Function;

/** Where a route sends packets: a gateway on a device, a nexthop group, or nowhere (fail fast). */
public sealed interface RouteTarget {
    <R> R match(Function<Gateway, R> gateway, Function<Group, R> group, Function<Unreachable, R> unreachable);

    /** A gateway on a device; onlink as for {@link Nexthop}. */
    record Gateway(String via, String dev, boolean onlink) implements RouteTarget {
        public Gateway {
            if (via.isEmpty() || dev.isEmpty()) throw new IllegalArgumentException("a gateway needs an address and a device");
        }

        public Gateway(String via, String dev) {
            this(via, dev, false);
        }

        @Override
        public <R> R match(Function<Gateway, R> gateway, Function<Group, R> group, Function<Unreachable, R> unreachable) {
            return gateway.apply(this);
        }
    }

    record Group(int nhid) implements RouteTarget {
        @Override
        public <R> R match(Function<Gateway, R> gateway, Function<Group, R> group, Function<Unreachable, R> unreachable) {
            return group.apply(this);
        }
    }

    record Unreachable() implements RouteTarget {
        @Override
        public <R> R match(Function<Gateway, R> gateway, Function<Group, R> group, Function<Unreachable, R> unreachable) {
            return unreachable.apply(this);
        }
    }
}
