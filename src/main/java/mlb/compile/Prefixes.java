package mlb.compile;

/** Prefixes in the form `ip -j` prints them, so compiled and read objects compare equal. */
final class Prefixes {
    private Prefixes() {
    }

    static String kernelForm(String prefix) {
        if (prefix.equals("0.0.0.0/0")) return "default";
        return prefix.endsWith("/32") ? prefix.substring(0, prefix.length() - 3) : prefix;
    }
}
