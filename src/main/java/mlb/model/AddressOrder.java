package mlb.model;

/**
 * A text for an address or prefix that sorts numerically (10.0.0.0/8 before 9.0.0.0/8 would be wrong for people
 * reading a plan of a 100 000-prefix list), IPv4 before IPv6. Pure: parses literals only, never resolves names.
 */
final class AddressOrder {
    private AddressOrder() {
    }

    static String sortKey(String prefix) {
        int slash = prefix.indexOf('/');
        String address = slash < 0 ? prefix : prefix.substring(0, slash);
        String length = slash < 0 ? "" : prefix.substring(slash + 1);
        String hex = address.indexOf(':') >= 0 ? ipv6(address) : ipv4(address);
        if (hex == null) return "9 " + prefix;
        return (hex.length() == 8 ? "4 " : "6 ") + hex + "/" + ObjectKey.pad(length.isEmpty() ? 999 : Long.parseLong(length));
    }

    /** No regex or formatter: a 100 000-prefix list sorts by these keys on every plan. */
    private static String ipv4(String a) {
        long value = NftAddresses.parse(a);
        if (value < 0) return null;
        char[] hex = new char[8];
        for (int i = 7; i >= 0; i--, value >>>= 4) hex[i] = HEX[(int) (value & 15)];
        return new String(hex);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Expands `::`, so that every IPv6 address sorts by its 32 hex digits. */
    private static String ipv6(String a) {
        if (!a.matches("[0-9a-fA-F:]+")) return null;
        int gap = a.indexOf("::");
        String[] head = gap < 0 ? a.split(":", -1) : a.substring(0, gap).isEmpty() ? new String[0] : a.substring(0, gap).split(":", -1);
        String[] tail = gap < 0 ? new String[0] : a.substring(gap + 2).isEmpty() ? new String[0] : a.substring(gap + 2).split(":", -1);
        int missing = 8 - head.length - tail.length;
        if (gap < 0 && head.length != 8 || missing < 0) return null;
        StringBuilder s = new StringBuilder();
        for (String g : head) if (!group(s, g)) return null;
        s.append("0000".repeat(missing));
        for (String g : tail) if (!group(s, g)) return null;
        return s.length() == 32 ? s.toString().toLowerCase() : null;
    }

    private static boolean group(StringBuilder s, String g) {
        if (g.isEmpty() || g.length() > 4) return false;
        s.append("0".repeat(4 - g.length())).append(g);
        return true;
    }
}
