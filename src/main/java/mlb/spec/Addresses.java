package mlb.spec;

import io.vavr.control.Validation;

/** Address and prefix values of a spec, with diagnostics that show the spelling we would accept. */
final class Addresses {
    static final String IPV6 = "IPv6 links are not supported yet";

    private Addresses() {
    }

    static Validation<Diagnostic, String> address(Node n, String example) {
        return Fields.string(n, example).flatMap(s -> Ipv4.address(s).toValidation(() -> badAddress(n, s, example)));
    }

    static Validation<Diagnostic, String> prefix(Node n, String example) {
        return Fields.string(n, example).flatMap(s -> Ipv4.prefix(s).toValidation(() -> badPrefix(n, s, example)));
    }

    private static Diagnostic badAddress(Node n, String s, String example) {
        if (Ipv4.isIpv6(s)) return n.problem(IPV6, "write an IPv4 address, e.g. " + example);
        return Ipv4.parse(s, true)
                .map(a -> n.problem("not an IPv4 address: " + Problems.quote(s), leadingZeros(Ipv4.format(a))))
                .getOrElse(() -> n.problem("not an IPv4 address: " + Problems.quote(s),
                        "write four numbers 0-255 separated by dots, e.g. " + example));
    }

    private static Diagnostic badPrefix(Node n, String s, String example) {
        if (Ipv4.isIpv6(s)) return n.problem(IPV6, "write an IPv4 prefix, e.g. " + example);
        return Ipv4.parsePrefix(s, false)
                .map(p -> n.problem("host bits are set in " + Problems.quote(s), "write \"" + p.network() + "\""))
                .orElse(() -> Ipv4.parsePrefix(s, true).map(p ->
                        n.problem("not an IPv4 prefix: " + Problems.quote(s), leadingZeros(p.network().toString()))))
                .getOrElse(() -> n.problem("not an IPv4 prefix: " + Problems.quote(s),
                        "write address/length with the host bits zero, e.g. " + example));
    }

    private static String leadingZeros(String canonical) {
        return "write \"" + canonical + "\"; leading zeros are ambiguous, some tools read them as octal";
    }
}
