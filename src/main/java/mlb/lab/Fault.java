package mlb.lab;

/** A way an ISP line fails in the lab, and how it is healed. */
enum Fault {
    /** The upstream drops everything silently; the router's carrier stays up (what kernels cannot see). */
    BLACKHOLE("blackhole cut"),
    /** The upstream answers everything with ICMP host unreachable; the carrier stays up. */
    UNREACHABLE("unreachable cut"),
    /** The ISP's side of the router's line goes down: the router loses carrier on that link. */
    CARRIER("carrier loss");

    private final String label;

    Fault(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    void begin(Lab lab, Isp isp) {
        switch (this) {
            case BLACKHOLE -> lab.cut(isp);
            case UNREACHABLE -> lab.cutUnreachable(isp);
            case CARRIER -> lab.carrier(isp, false);
        }
    }

    void end(Lab lab, Isp isp) {
        if (this == CARRIER) lab.carrier(isp, true);
        else lab.heal(isp);
    }
}
