package mlb.model;

/**
 * The kinds of kernel object mlb owns, in the order they are created. Deletion goes in reverse, so no
 * intermediate state has a route pointing at a missing group or a rule pointing at an empty table. The nftables
 * kinds change together: every nft change of one apply is one transaction, placed between routes and rules
 * (marks are set before the rules that route by them exist, and kept until those rules are gone).
 */
public enum Kind {
    SYSCTL("sysctl", false), NEXTHOP("nexthop", false), GROUP("nexthop group", false), ROUTE("route", false),
    NFT_TABLE("nft table", true), NFT_HELPER("nft conntrack helper", true), NFT_SET("nft set", true),
    NFT_CHAIN("nft chain", true), NFT_ELEMENT("nft element", true),
    RULE("rule", false);

    private final String label;
    private final boolean nft;

    Kind(String label, boolean nft) {
        this.label = label;
        this.nft = nft;
    }

    public String label() {
        return label;
    }

    /** The nftables kinds, in creation order. */
    public static java.util.List<Kind> nftKinds() {
        return java.util.Arrays.stream(values()).filter(Kind::nft).toList();
    }

    /** Whether objects of this kind live in mlb's nftables table (and so change in one transaction). */
    public boolean nft() {
        return nft;
    }
}
