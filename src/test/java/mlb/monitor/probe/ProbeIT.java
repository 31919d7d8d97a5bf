package mlb.monitor.probe;

import mlb.it.Netns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of probe through two real links ({@link TwoPaths}): with one path cut, only that link's probes
 * fail. The servers (tcp 7001, http 8080, https 8443, dns 5353) run in a JVM of their own inside the internet
 * namespace, the prober in another inside the router namespace ({@link ProbeDriver}).
 */
class ProbeIT {
    static final List<String> KINDS = List.of("icmp", "tcp", "http", "https", "dns");

    @TempDir
    Path tmp;
    TwoPaths paths;
    final List<Process> jvms = new ArrayList<>();
    Driver driver;
    /** How long after its timeout each round of a cut link came back, in ms. */
    final List<Long> lateWhenCut = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Netns.assumeAvailable();
        Assumptions.assumeTrue(Netns.run("nft", "--version").code() == 0, "needs nft (Debian package nftables)");
        paths = new TwoPaths();
        Path keystore = TestServers.keystore(tmp);
        Process servers = jvm(paths.internet, TestServers.class, "198.19.0.1", keystore.toString());
        String ready = new BufferedReader(new InputStreamReader(servers.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("listening", ready, "the test servers did not start");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Process p : jvms) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
        }
        if (paths != null) paths.close();
    }

    /** Small, quick-starting JVMs for the drivers and servers. */
    static final List<String> SMALL = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    Process jvm(String ns, Class<?> main, String... args) throws IOException {
        List<String> argv = mlb.it.ChildJvm.command(SMALL, main, args);
        Process p = new ProcessBuilder(paths.in(ns, argv.toArray(String[]::new))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        jvms.add(p);
        return p;
    }

    /** The prober in the router namespace, one round per call. */
    final class Driver {
        final Process p;
        final BufferedReader out;
        final OutputStream in;
        /** For each link, how long after its timeout its last round came back, in ms. */
        final Map<String, Long> late = new LinkedHashMap<>();

        Driver(long icmpSilenceMs) throws IOException {
            p = jvm(paths.router, ProbeDriver.class, String.valueOf(icmpSilenceMs));
            out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            in = p.getOutputStream();
        }

        /** One round of both links: "isp1 icmp" -> "answered" or "failed REASON". */
        Map<String, String> round() throws IOException {
            long start = System.nanoTime();
            in.write("round\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            Map<String, String> outcomes = new LinkedHashMap<>();
            String line;
            while ((line = out.readLine()) != null && !line.equals("END")) {
                String[] w = line.split(" ", 4);
                if (w[0].equals("PROBE")) outcomes.put(w[1] + " " + w[2], w[3]);
                if (w[0].equals("LATE")) late.put(w[1], Long.parseLong(w[2]));
            }
            if (line == null) throw new IllegalStateException("the probe driver ended");
            sleepRestOfInterval(start);
            return outcomes;
        }
    }

    static void sleepRestOfInterval(long start) {
        long left = ProbeDriver.INTERVAL.toMillis() - (System.nanoTime() - start) / 1_000_000;
        if (left > 0) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void assertAll(Map<String, String> round, String link, String expected, List<String> kinds) {
        for (String kind : kinds) assertEquals(expected, round.get(link + " " + kind), link + " " + kind + " in " + round);
    }

    /** Rounds until every probe of link answers, at most n; the last round. */
    Map<String, String> untilAllAnswer(String link, int n) throws IOException {
        Map<String, String> r = driver.round();
        for (int i = 1; i < n && KINDS.stream().anyMatch(k -> !"answered".equals(r.get(link + " " + k))); i++) r.putAll(driver.round());
        return r;
    }

    /**
     * After a cut, every probe of that link fails in the very next round: the icmp one too, since a round is
     * judged by an echo request sent after it started. The other link answers throughout.
     */
    void cutOnlyFailsItsLink(int n, String cutLink, String otherLink) throws IOException {
        paths.cut(n);
        for (int round = 1; round <= 3; round++) {
            Map<String, String> r = driver.round();
            lateWhenCut.add(driver.late.get(cutLink));
            assertAll(r, otherLink, "answered", KINDS);
            assertAll(r, cutLink, "failed timeout", KINDS);
        }
        paths.heal();
    }

    @Test
    void onlyTheCutLinksProbesFail() throws IOException {
        driver = new Driver(NetworkProbe.ICMP_SILENCE.toMillis());
        Map<String, String> first = untilAllAnswer("isp1", 3);
        assertAll(first, "isp1", "answered", KINDS);
        assertAll(first, "isp2", "answered", KINDS);
        cutOnlyFailsItsLink(1, "isp1", "isp2");
        assertAll(untilAllAnswer("isp1", 4), "isp1", "answered", KINDS);
        cutOnlyFailsItsLink(2, "isp2", "isp1");
        assertAll(untilAllAnswer("isp2", 4), "isp2", "answered", KINDS);

        // A round with timeouts returns when its timeout ends, not later.
        long worst = lateWhenCut.stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.println("rounds with a cut path returned " + lateWhenCut + " ms after their " + ProbeDriver.TIMEOUT.toMillis() + " ms timeout");
        assertTrue(worst <= Prober.MARGIN.toMillis() + 50, "a round returned " + worst + " ms after its timeout");
    }

    @Test
    void aDeviceMadeAgainUnderItsNameIsProbedAgain() throws IOException {
        driver = new Driver(1500);
        assertAll(untilAllAnswer("isp1", 3), "isp1", "answered", KINDS);
        paths.deleteLink(1);
        paths.link(1);
        // The icmp socket is bound to the old device's index; only opening it again after 1.5 s of silence helps.
        String icmp = "";
        for (int i = 0; i < 12 && !icmp.equals("answered"); i++) icmp = driver.round().get("isp1 icmp");
        assertEquals("answered", icmp, "icmp through the new wan1");
    }
}
