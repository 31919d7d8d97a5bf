package mlb.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A network namespace a test creates and deletes: `mlbt-<random>` with veth pairs wan1..wanN, each end inside
 * the namespace (198.18.N.2/24 on wanN, the gateway 198.18.N.1 reachable on the link), nothing linked to the
 * root namespace. The `dummy` module is not available everywhere; veth is.
 */
final class Netns implements AutoCloseable {
    final String name = "mlbt-" + UUID.randomUUID().toString().substring(0, 8);

    private Netns() {
    }

    /** Whether this process may create namespaces (root with iproute2). */
    static boolean available() {
        if (!"root".equals(System.getProperty("user.name"))) return false;
        try {
            return run(List.of("ip", "netns", "list")).exit == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Netns withLinks(int links) {
        Netns ns = new Netns();
        ns.must("ip", "netns", "add", ns.name);
        try {
            ns.ip("link", "set", "lo", "up");
            for (int i = 1; i <= links; i++) {
                ns.ip("link", "add", "name", "wan" + i, "type", "veth", "peer", "name", "wan" + i + "p");
                ns.ip("addr", "add", "198.18." + i + ".2/24", "dev", "wan" + i);
                ns.ip("link", "set", "wan" + i, "up");
                ns.ip("link", "set", "wan" + i + "p", "up");
            }
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** `ip -n NAME ARGS`, which must succeed; returns stdout. */
    String ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", name));
        argv.addAll(List.of(args));
        return must(argv.toArray(String[]::new));
    }

    /**
     * The raw kernel view of what mlb manages: IPv4 rules, every IPv4 route of every table (IPv6 link-local
     * routes appear by themselves as addresses finish DAD), nexthops. Counters that move
     * by themselves (a resilient group's unbalanced time) are blanked.
     */
    String dump() {
        return ip("-4", "-j", "rule", "show") + "\n" + ip("-4", "-j", "route", "show", "table", "all") + "\n"
                + ip("-j", "nexthop", "show").replaceAll("\"unbalanced_time\":\\d+", "\"unbalanced_time\":0");
    }

    private String must(String... argv) {
        Result r = run(List.of(argv));
        if (r.exit != 0) throw new IllegalStateException(String.join(" ", argv) + ": " + r.out);
        return r.out;
    }

    private record Result(int exit, String out) {
    }

    private static Result run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        run(List.of("ip", "netns", "del", name));
    }
}
