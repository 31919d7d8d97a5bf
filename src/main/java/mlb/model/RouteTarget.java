package mlb.model;

/** Where a route sends packets. */
public sealed interface RouteTarget {
    /** iproute2 words for this target, e.g. `via 198.18.1.1 dev eth1`. */
    String words();

    record Gateway(String via, String dev) implements RouteTarget {
        public Gateway {
            Tokens.require(via, "gateway");
            Tokens.require(dev, "device");
        }

        @Override
        public String words() {
            return "via " + via + " dev " + dev;
        }
    }

    record Group(int nhid) implements RouteTarget {
        @Override
        public String words() {
            return "nhid " + nhid;
        }
    }

    record Unreachable() implements RouteTarget {
        @Override
        public String words() {
            return "unreachable";
        }
    }
}
