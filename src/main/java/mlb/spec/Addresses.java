package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;

/** Address and prefix values of a spec, with diagnostics that show the spelling we would accept. */
final class Addresses {
    static final String IPV6 = "IPv6 links are not supported yet";

    /** A range no host on an Internet link has an address in, with what the range is. */
    private record Range(Ipv4.Prefix prefix, String what) {
        boolean contains(int address) {
            return (address & prefix.mask()) == prefix.address();
        }
    }

    /** In this order: 255.255.255.255 lies inside 240.0.0.0/4 but has a name of its own. */
    private static final List<Range> NEVER_A_HOST = List.of(
            range("0.0.0.0/32", "the unspecified address"),
            range("0.0.0.0/8", "in 0.0.0.0/8, \"this network\", which no host is addressed in"),
            range("255.255.255.255/32", "the limited broadcast address"),
            range("224.0.0.0/4", "a multicast address, in 224.0.0.0/4"),
            range("240.0.0.0/4", "in 240.0.0.0/4, reserved and not routed"),
            range("127.0.0.0/8", "a loopback address, in 127.0.0.0/8"));
    private static final Range LINK_LOCAL = range("169.254.0.0/16", "a link-local address, in 169.254.0.0/16");

    private Addresses() {
    }

    static Validation<Diagnostic, String> address(Node n, String example) {
        return Fields.string(n, example).flatMap(s -> Ipv4.address(s).toValidation(() -> badAddress(n, s, example)));
    }

    /**
     * An address a link's gateway or source can have: none of the ranges above, and not link-local either: that
     * is the address a host gives itself when DHCP failed, never a stable ISP gateway or link address.
     */
    static Validation<Diagnostic, String> host(Node n, String example, String hint) {
        return address(n, example).flatMap(a -> unusable(a, true)
                .map(why -> Validation.<Diagnostic, String>invalid(n.problem(Code.BAD_ADDRESS, Problems.quote(a) + " is " + why, hint)))
                .getOrElse(Validation.valid(a)));
    }

    /** A probe target: as host, but link-local is fine (a modem's own address answers through its link). */
    static Validation<Diagnostic, String> target(Node n, String example, String hint) {
        return address(n, example).flatMap(a -> unusable(a, false)
                .map(why -> Validation.<Diagnostic, String>invalid(n.problem(Code.BAD_ADDRESS, Problems.quote(a) + " is " + why, hint)))
                .getOrElse(Validation.valid(a)));
    }

    static Option<String> unusable(String address, boolean refuseLinkLocal) {
        int a = Ipv4.parse(address, false).get();
        List<Range> ranges = refuseLinkLocal ? NEVER_A_HOST.append(LINK_LOCAL) : NEVER_A_HOST;
        return ranges.find(r -> r.contains(a)).map(Range::what);
    }

    static Validation<Diagnostic, String> prefix(Node n, String example) {
        return Fields.string(n, example).flatMap(s -> Ipv4.prefix(s).toValidation(() -> badPrefix(n, s, example)));
    }

    private static Range range(String prefix, String what) {
        return new Range(Ipv4.parsePrefix(prefix, false).get(), what);
    }

    private static Diagnostic badAddress(Node n, String s, String example) {
        if (Ipv4.isIpv6(s)) return n.problem(Code.BAD_ADDRESS, IPV6, "write an IPv4 address, e.g. " + example);
        return Ipv4.parse(s, true)
                .map(a -> n.problem(Code.BAD_ADDRESS, "not an IPv4 address: " + Problems.quote(s), leadingZeros(Ipv4.format(a))))
                .getOrElse(() -> n.problem(Code.BAD_ADDRESS, "not an IPv4 address: " + Problems.quote(s),
                        "write four numbers 0-255 separated by dots, e.g. " + example));
    }

    private static Diagnostic badPrefix(Node n, String s, String example) {
        if (Ipv4.isIpv6(s)) return n.problem(Code.BAD_ADDRESS, IPV6, "write an IPv4 prefix, e.g. " + example);
        return Ipv4.parsePrefix(s, false)
                .map(p -> n.problem(Code.BAD_ADDRESS, "host bits are set in " + Problems.quote(s), "write \"" + p.network() + "\""))
                .orElse(() -> Ipv4.parsePrefix(s, true).map(p ->
                        n.problem(Code.BAD_ADDRESS, "not an IPv4 prefix: " + Problems.quote(s), leadingZeros(p.network().toString()))))
                .getOrElse(() -> n.problem(Code.BAD_ADDRESS, "not an IPv4 prefix: " + Problems.quote(s),
                        "write address/length with the host bits zero, e.g. " + example));
    }

    private static String leadingZeros(String canonical) {
        return "write \"" + canonical + "\"; leading zeros are ambiguous, some tools read them as octal";
    }
}
