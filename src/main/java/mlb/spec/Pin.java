package mlb.spec;

import io.vavr.collection.List;

/**
 * A [[pin]]: new connections that match it (every match given must hold) take the first of its links that is
 * live; BALANCE as the last entry means "otherwise balance as usual", and without it a connection whose links
 * are all down is dropped rather than leaked through another link. Pins are tried in file order.
 *
 * @param proto a protocol name or number, or empty
 * @param dport destination port ranges (each first..last), only with tcp or udp
 * @param listed whether it has a list file (dst_file, src_file): route mode matches such a pin with nftables
 */
public record Pin(String name, String proto, List<Ports> dport, List<Ports> sport, List<String> dst, List<String> src,
                  List<String> links, boolean listed) {
    public static final String BALANCE = "balance";
    /** Route mode gives each pin a rule priority of its own: priority_base + 40 .. + 89. */
    public static final int ROUTE_MODE_LIMIT = 50;

    /** A pin without a list file. */
    public Pin(String name, String proto, List<Ports> dport, List<Ports> sport, List<String> dst, List<String> src,
               List<String> links) {
        this(name, proto, dport, sport, dst, src, links, false);
    }

    /** A port range, first..last (one port: first == last). */
    public record Ports(int first, int last) {
    }

    /** The IP protocol number of proto (tcp, udp, icmp or a number, as the spec allows); proto must be given. */
    public int protocolNumber() {
        return switch (proto) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            default -> Integer.parseInt(proto);
        };
    }

    /** Whether the last link is "balance": traffic whose links are all down goes to the balancing. */
    public boolean fallsBackToBalancing() {
        return links.last().equals(BALANCE);
    }
}
