package mlb.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A throwaway network namespace `mlbt-<random>` for one test, driven with raw iproute2 (never mlb's own code),
 * with devices wan1 and wan2: veth pairs whose peers wan1p/wan2p stay inside the namespace, addresses from
 * 198.18.0.0/15 only (wanN 198.18.N.2/24, its gateway 198.18.N.1 on wanNp). Nothing here touches the root
 * namespace. Shared by the tests in real namespaces of every package (veth, because `dummy` is not everywhere).
 */
public final class Netns implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The spec's [[link]] tables for this namespace's wan1 and wan2, each by its gateway. */
    public static final String LINKS = """
            [[link]]
            name = "isp1"
            dev = "wan1"
            gateway = "198.18.1.1"
            [[link]]
            name = "isp2"
            dev = "wan2"
            gateway = "198.18.2.1"
            """;
    public final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** Skips the calling test, saying why, unless this process may create namespaces. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(Probe.UNAVAILABLE == null, () -> "needs root and network namespaces: " + Probe.UNAVAILABLE);
    }

    /** Why this process may not create namespaces, or null; probed once, as probing adds and deletes one. */
    private static final class Probe {
        static final String UNAVAILABLE = unavailableBecause();
    }

    /** Whether this process may create namespaces (root, iproute2 with netns), with the reason when not. */
    private static String unavailableBecause() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!Integer.valueOf(0).equals(uid)) return "not root (uid " + uid + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot tell the uid: " + e;
        }
        String probe = "mlbt-probe-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        Result add = run("ip", "netns", "add", probe);
        if (add.code != 0) return "ip netns add fails: " + add.err.strip();
        run("ip", "netns", "del", probe);
        return null;
    }

    public static Netns create() {
        Netns ns = new Netns("mlbt-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5)));
        ns.must("ip", "netns", "add", ns.name);
        try {
            ns.ip("link", "set", "lo", "up");
            for (int n = 1; n <= 2; n++) {
                ns.ip("link", "add", "name", "wan" + n, "type", "veth", "peer", "name", "wan" + n + "p");
                ns.ip("link", "set", "wan" + n, "up");
                ns.ip("link", "set", "wan" + n + "p", "up");
                ns.ip("addr", "add", "198.18." + n + ".2/24", "dev", "wan" + n);
                ns.ip("addr", "add", "198.18." + n + ".1/24", "dev", "wan" + n + "p");
            }
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** `ip -n NS ARGS`, which must succeed. */
    public String ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", name));
        argv.addAll(List.of(args));
        return must(argv.toArray(String[]::new));
    }

    /** `ip -n NS ARGS` as it came: exit code, stdout, stderr. */
    public Result ipRaw(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", name));
        argv.addAll(List.of(args));
        return run(argv.toArray(String[]::new));
    }

    /** `ip -n NS -N -j -d ARGS`, parsed by Jackson (numeric protocols and tables). */
    public JsonNode json(String... args) {
        List<String> argv = new ArrayList<>(List.of("-N", "-j", "-d"));
        argv.addAll(List.of(args));
        Result r = ipRaw(argv.toArray(String[]::new));
        if (r.code != 0) {
            if (r.err.contains("FIB table does not exist")) return JSON.createArrayNode();
            throw new IllegalStateException("ip " + argv + ": " + r.err);
        }
        try {
            return JSON.readTree(r.out.isBlank() ? "[]" : r.out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A command run inside the namespace (`ip netns exec NS ARGS`), which must succeed. */
    public String exec(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(List.of(args));
        return must(argv.toArray(String[]::new));
    }

    public String sysctl(String name) {
        return must("ip", "netns", "exec", this.name, "cat", "/proc/sys/" + name.replace('.', '/')).strip();
    }

    /**
     * The raw kernel view of what mlb manages: IPv4 rules, every IPv4 route of every table (IPv6 link-local
     * routes appear by themselves as addresses finish DAD), nexthops. Counters that move by themselves (a
     * resilient group's unbalanced time) are blanked.
     */
    public String dump() {
        return ip("-4", "-j", "rule", "show") + "\n" + ip("-4", "-j", "route", "show", "table", "all") + "\n"
                + ip("-j", "nexthop", "show").replaceAll("\"unbalanced_time\":\\d+", "\"unbalanced_time\":0");
    }

    private String must(String... argv) {
        Result r = run(argv);
        if (r.code != 0) throw new IllegalStateException(String.join(" ", argv) + " failed: " + r.err);
        return r.out;
    }

    public record Result(int code, String out, String err) {
    }

    public static Result run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            return new Result(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(127, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Result r = run("ip", "netns", "del", name);
        if (r.code != 0 && !r.err.contains("No such file")) throw new IllegalStateException("cannot delete " + name + ": " + r.err);
    }
}
