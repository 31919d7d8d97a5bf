package mlb.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * 198.18.0.0/15 only. Nothing here touches the root namespace.
 */
final class Netns implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** Whether this process may create namespaces (root, iproute2 with netns), with the reason when not. */
    static String unavailableBecause() {
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

    static Netns create() {
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
    String ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", name));
        argv.addAll(List.of(args));
        return must(argv.toArray(String[]::new));
    }

    /** `ip -n NS ARGS` as it came: exit code, stdout, stderr. */
    Result ipRaw(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", name));
        argv.addAll(List.of(args));
        return run(argv.toArray(String[]::new));
    }

    /** `ip -n NS -N -j -d ARGS`, parsed by Jackson (numeric protocols and tables). */
    JsonNode json(String... args) {
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

    String sysctl(String name) {
        return must("ip", "netns", "exec", this.name, "cat", "/proc/sys/" + name.replace('.', '/')).strip();
    }

    private String must(String... argv) {
        Result r = run(argv);
        if (r.code != 0) throw new IllegalStateException(String.join(" ", argv) + " failed: " + r.err);
        return r.out;
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... argv) {
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
