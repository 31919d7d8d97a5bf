package mlb.spec;

import java.util.regex.Pattern;

/** Host names, DNS names and HTTP paths as a probe sends them: ASCII only, nothing that needs quoting. */
final class Names {
    /** RFC 1123 labels: letters, digits and inner hyphens, 1..63 each; the whole name at most 253 without its dot. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern PATH = Pattern.compile("/[\\x21-\\x7e]*");
    static final int MAX_PATH = 2048;

    private Names() {
    }

    /** A name to look up: one or more labels and an optional final dot; not the root "." itself. */
    static boolean isDnsName(String s) {
        String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        if (name.isEmpty() || name.length() > 253) return false;
        String[] labels = name.split("\\.", -1);
        for (String label : labels) if (!LABEL.matcher(label).matches()) return false;
        // An all-digit last label would make "1.2.3" or "256.1.1.1" names; no top-level domain is all digits.
        return !labels[labels.length - 1].matches("\\d+");
    }

    /** What a Host header may name: a DNS name without the final dot, or an IPv4 address. */
    static boolean isHost(String s) {
        return Ipv4.address(s).isDefined() || !s.endsWith(".") && isDnsName(s);
    }

    /** Starts with "/", printable ASCII without spaces: what goes on the request line as written. */
    static boolean isHttpPath(String s) {
        return s.length() <= MAX_PATH && PATH.matcher(s).matches();
    }
}
