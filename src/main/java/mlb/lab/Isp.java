package mlb.lab;

/**
 * One link of the lab: link number k (1-based), the rate its line is shaped to, and whether it is one of several
 * macvlans on a shared campus network (one gateway for all, as in the five-WAN OpenWrt recipe) rather than a line
 * to an ISP of its own.
 */
public record Isp(int index, Rate rate, boolean campus) {
    /** The campus network all campus links share, its gateway, and its upstream to the internet namespace. */
    static final String CAMPUS_NET = "198.18.0.";
    static final String CAMPUS_UPSTREAM_NET = "198.18.100.";

    public Isp {
        if (index < 1 || index > Topology.MAX_LINKS) {
            throw new IllegalArgumentException("ISP index out of range 1.." + Topology.MAX_LINKS + ": " + index);
        }
    }

    public Isp(int index, Rate rate) {
        this(index, rate, false);
    }

    /** Link name in the spec, and the router's interface towards this ISP (on a campus, its macvlan). */
    public String name() {
        return "isp" + index;
    }

    /** The router's address on this link (the source that masquerade writes, so the one the servers see). */
    public String routerAddress() {
        return campus ? CAMPUS_NET + (10 + index) : "198.18." + index + ".2";
    }

    /** The router's gateway on this link: the ISP's address, or the campus's one gateway. */
    public String gateway() {
        return campus ? CAMPUS_NET + "1" : "198.18." + index + ".1";
    }

    public String lineSubnet() {
        return campus ? CAMPUS_NET + "0/24" : "198.18." + index + ".0/24";
    }

    /** The ISP's (or the campus's) end of its upstream to the internet namespace. */
    public String upstreamAddress() {
        return campus ? CAMPUS_UPSTREAM_NET + "1" : "198.18." + (100 + index) + ".1";
    }

    /** The internet namespace's end of that upstream. */
    public String internetAddress() {
        return campus ? CAMPUS_UPSTREAM_NET + "2" : "198.18." + (100 + index) + ".2";
    }

    /**
     * The MAC address of a campus link's macvlan: locally administered, fixed, and its own per link, so the
     * campus can bind each address to its port as a campus with per-account quotas does (02:00:c6:12:00:0b is
     * 198.18.0.11's).
     */
    public String mac() {
        return String.format("02:00:c6:12:00:%02x", 10 + index);
    }
}
