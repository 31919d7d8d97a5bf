package mlb.lab;

/** One simulated Internet provider of the lab: link number k (1-based) and the rate its line is shaped to. */
public record Isp(int index, Rate rate) {
    public Isp {
        if (index < 1 || index > Topology.MAX_LINKS) {
            throw new IllegalArgumentException("ISP index out of range 1.." + Topology.MAX_LINKS + ": " + index);
        }
    }

    /** Link name in the spec, and the router's interface towards this ISP. */
    public String name() {
        return "isp" + index;
    }

    /** The router's address on the line to this ISP (the source that masquerade writes). */
    public String routerAddress() {
        return "198.18." + index + ".2";
    }

    /** The ISP's address on the same line: the router's gateway. */
    public String gateway() {
        return "198.18." + index + ".1";
    }

    public String lineSubnet() {
        return "198.18." + index + ".0/24";
    }

    /** The ISP's end of its upstream to the internet namespace. */
    public String upstreamAddress() {
        return "198.18." + (100 + index) + ".1";
    }

    /** The internet namespace's end of this ISP's upstream. */
    public String internetAddress() {
        return "198.18." + (100 + index) + ".2";
    }
}
