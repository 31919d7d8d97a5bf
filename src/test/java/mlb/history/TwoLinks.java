package mlb.history;

/** The spec the history tests apply: the two links every test router has (Netns, FakeKernel.standard()). */
public final class TwoLinks {
    private TwoLinks() {
    }

    /** Two links with the given weights, in the 198.18.0.0/15 lab range. */
    public static String spec(int w1, int w2) {
        return """
                [balancer]
                protocol = 250

                [[link]]
                name = "isp1"
                dev = "wan1"
                gateway = "198.18.1.1"
                weight = %d

                [[link]]
                name = "isp2"
                dev = "wan2"
                gateway = "198.18.2.1"
                weight = %d
                """.formatted(w1, w2);
    }
}
