package mlb.lab;

import mlb.proc.Runner;
import mlb.proc.SystemRunner;
import org.junit.jupiter.api.Assumptions;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** Shared by the dataplane tests: skip unless root, a fresh prefix per lab, small rates so tests stay quick. */
final class TestLabs {
    /** 8 : 12 : 20 is 2 : 3 : 5, like the default lab, at 40 % of its rates. */
    static final List<Rate> RATES = List.of(Rate.mbit(8), Rate.mbit(12), Rate.mbit(20));
    static final Runner RUNNER = new SystemRunner();

    private TestLabs() {
    }

    static void assumeRoot() {
        Assumptions.assumeTrue(Preflight.canRun(), "needs root and network namespaces");
    }

    static String prefix() {
        byte[] b = new byte[3];
        new SecureRandom().nextBytes(b);
        return "mlbt-" + HexFormat.of().formatHex(b);
    }

    static Topology topology() {
        return Topology.of(prefix(), RATES);
    }

    /** Writes a spec into the lab's state folder, applies it (or fails the test) and starts mlb monitor on it. */
    static LabMonitor monitored(Topology t, String name, String toml) throws java.io.IOException {
        java.nio.file.Path file = LabProcesses.stateDir(t.prefix()).resolve(name + ".toml");
        java.nio.file.Files.writeString(file, toml);
        RouterMlb.Result applied = new RouterMlb(t).apply(file);
        org.junit.jupiter.api.Assertions.assertEquals(0, applied.code(), applied.out() + applied.err());
        return LabMonitor.start(t, file);
    }

    /** Points the router's main default route at one ISP (what a one-link router has; no mlb involved). */
    static void routeVia(Topology t, Isp isp) {
        Runner.Result r = RUNNER.run(List.of("ip", "-n", t.routerNs(), "route", "replace", "default", "via",
                isp.gateway(), "dev", isp.name()));
        if (!r.ok()) throw new IllegalStateException(r.stderr());
    }
}
