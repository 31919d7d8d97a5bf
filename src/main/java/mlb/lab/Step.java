package mlb.lab;

import java.util.List;

/** One command the lab runs: an argv (never a shell line) and optional stdin. A step that may fail is a tuning. */
record Step(List<String> argv, String stdin, boolean mayFail) {
    Step {
        argv = List.copyOf(argv);
    }

    static Step of(List<String> argv) {
        return new Step(argv, null, false);
    }

    /** The same command, allowed to fail without failing the lab. */
    Step optional() {
        return new Step(argv, stdin, true);
    }

    /** `ip -n NS args...` */
    static Step ip(String ns, String... args) {
        return of(concat(List.of("ip", "-n", ns), args));
    }

    /** `tc -n NS args...` */
    static Step tc(String ns, String... args) {
        return of(concat(List.of("tc", "-n", ns), args));
    }

    /** `ip netns exec NS sysctl -qw key=value`: sysctls under net.* are per namespace. */
    static Step sysctl(String ns, String key, String value) {
        return of(List.of("ip", "netns", "exec", ns, "sysctl", "-qw", key + "=" + value));
    }

    /** An nftables script loaded in one transaction inside NS. */
    static Step nft(String ns, String script) {
        return new Step(List.of("ip", "netns", "exec", ns, "nft", "-f", "-"), script, false);
    }

    private static List<String> concat(List<String> head, String... tail) {
        var all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
