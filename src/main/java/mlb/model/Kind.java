package mlb.model;

/**
 * The kinds of kernel object mlb owns, in the order they are created. Deletion goes in reverse, so no
 * intermediate state has a route pointing at a missing group or a rule pointing at an empty table.
 */
public enum Kind {
    SYSCTL("sysctl"), NEXTHOP("nexthop"), GROUP("nexthop group"), ROUTE("route"), RULE("rule");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
