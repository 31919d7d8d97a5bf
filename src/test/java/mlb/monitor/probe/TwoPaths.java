package mlb.monitor.probe;

import mlb.it.Netns;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A router namespace with two links and an internet namespace behind both, built with raw iproute2 and nft:
 * router wanN 198.18.N.2/24 <-> internet upN 198.18.N.1/24, the target 198.19.0.1 on the internet's lo. The
 * router has mlb's per-link rules (`from 198.18.N.2 lookup 20N`, `oif wanN lookup 20N`, tables with
 * `default via 198.18.N.1`) and a main default via wan2, so a probe that ignored its link would still get an
 * answer through the other one and the test would see it. {@link #cut} drops what arrives over one path.
 */
final class TwoPaths implements AutoCloseable {
    final String router;
    final String internet;

    TwoPaths() {
        String id = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        router = "mlbt-" + id + "r";
        internet = "mlbt-" + id + "i";
        must("ip", "netns", "add", router);
        try {
            must("ip", "netns", "add", internet);
            ip(router, "link", "set", "lo", "up");
            ip(internet, "link", "set", "lo", "up");
            ip(internet, "addr", "add", "198.19.0.1/32", "dev", "lo");
            for (int n = 1; n <= 2; n++) link(n);
            ip(router, "route", "add", "default", "via", "198.18.2.1", "dev", "wan2");
            nft("add", "table", "inet", "cut");
            nft("add", "chain", "inet", "cut", "in", "{ type filter hook input priority 0; }");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Link n: the veth pair, addresses, table 20n and the two rules (again after a device was deleted). */
    void link(int n) {
        ip(router, "link", "add", "wan" + n, "type", "veth", "peer", "name", "up" + n, "netns", internet);
        ip(router, "link", "set", "wan" + n, "up");
        ip(internet, "link", "set", "up" + n, "up");
        ip(router, "addr", "add", "198.18." + n + ".2/24", "dev", "wan" + n);
        ip(internet, "addr", "add", "198.18." + n + ".1/24", "dev", "up" + n);
        ip(router, "route", "add", "default", "via", "198.18." + n + ".1", "dev", "wan" + n, "table", "20" + n);
        if (!ip(router, "rule", "show", "priority", "10010").contains("198.18." + n + ".2")) {
            ip(router, "rule", "add", "priority", "10010", "from", "198.18." + n + ".2", "lookup", "20" + n);
            ip(router, "rule", "add", "priority", "10020", "oif", "wan" + n, "lookup", "20" + n);
        }
    }

    void deleteLink(int n) {
        ip(router, "link", "del", "wan" + n);
    }

    /** Everything arriving at the internet over path n is dropped; the carrier stays up. */
    void cut(int n) {
        nft("add", "rule", "inet", "cut", "in", "iifname", "up" + n, "drop");
    }

    void heal() {
        nft("flush", "chain", "inet", "cut", "in");
    }

    List<String> in(String ns, String... argv) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(argv));
        return all;
    }

    private void nft(String... args) {
        List<String> argv = new ArrayList<>(List.of("nft"));
        argv.addAll(List.of(args));
        must(in(internet, argv.toArray(String[]::new)).toArray(String[]::new));
    }

    private String ip(String ns, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", ns));
        argv.addAll(List.of(args));
        return must(argv.toArray(String[]::new));
    }

    private static String must(String... argv) {
        Netns.Result r = Netns.run(argv);
        if (r.code() != 0) throw new IllegalStateException(String.join(" ", argv) + " failed: " + r.err());
        return r.out();
    }

    @Override
    public void close() {
        Netns.run("ip", "netns", "del", router);
        Netns.run("ip", "netns", "del", internet);
    }
}
