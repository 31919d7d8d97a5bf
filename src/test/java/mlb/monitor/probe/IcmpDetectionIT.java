package mlb.monitor.probe;

import mlb.it.Netns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How soon icmp rounds see a cut: paths of {@link TwoPaths} cut at random moments while {@link RoundDriver} runs
 * rounds of both links on a fixed-rate schedule with the real prober and pings. The first lost round of the cut
 * link must be the first round that started after the cut, or the one in progress if it started after the cut
 * began (its request went out after the cut); never a later one, and no round is lost without a cut.
 */
class IcmpDetectionIT {
    TwoPaths paths;
    Process driver;
    final List<Seen> rounds = new CopyOnWriteArrayList<>();
    /** When the driver was kept off the CPU (epoch µs from, to): the machine starved its processes then. */
    final List<long[]> stalls = new CopyOnWriteArrayList<>();

    /** One round as the driver printed it (epoch µs). */
    record Seen(String link, long start, long end, boolean answered, String what) {
    }

    /** A cut of one link: the nft command ran from `from` to `to` (epoch µs); healed at `healed`. */
    record Cut(String link, long from, long to, long healed) {
    }

    @BeforeEach
    void setUp() {
        Netns.assumeAvailable();
        Assumptions.assumeTrue(Netns.run("nft", "--version").code() == 0, "needs nft (Debian package nftables)");
        paths = new TwoPaths();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (driver != null) {
            driver.destroy();
            if (!driver.waitFor(5, TimeUnit.SECONDS)) driver.destroyForcibly();
        }
        if (paths != null) paths.close();
    }

    @Test
    void theFirstRoundAfterACutIsLostWithTheDefaults() throws Exception {
        detect(500, 300, 12);
    }

    @Test
    void theFirstRoundAfterACutIsLostWithFastRounds() throws Exception {
        detect(200, 150, 10);
    }

    void detect(long interval, long timeout, int cuts) throws Exception {
        start(interval, timeout);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Cut> done = new ArrayList<>();
        sleep(4 * interval);
        // The links take turns, so each has a whole turn to answer again before its next cut.
        for (int i = 0; i < cuts; i++) {
            int n = 1 + i % 2;
            sleep(interval / 2 + random.nextInt((int) interval));
            long from = now();
            paths.cut(n);
            long to = now();
            // The cut lasts until three of the link's rounds started after it have ended (about 3 intervals, more
            // when a loaded machine runs the rounds late): healed on a fixed schedule, a late third round could
            // overlap the heal and be answered.
            awaitRounds("isp" + n, to, 3);
            paths.heal();
            done.add(new Cut("isp" + n, from, to, now()));
        }
        sleep(3 * interval);
        report(interval, timeout, seed, done);
    }

    /**
     * A round the loaded machine starved rather than the path: the prober ran it late (it ended well past its
     * deadline, timeout + grace), or the driver was kept off the CPU for a third of the timeout while it ran (the
     * ping and the reader then likewise).
     */
    boolean starved(Seen r, long timeout) {
        long lateBy = TimeUnit.MILLISECONDS.toMicros(timeout + 20);
        return r.end - r.start > lateBy || stalls.stream().anyMatch(s -> s[1] >= r.start && s[0] <= r.end);
    }

    void report(long interval, long timeout, long seed, List<Cut> cuts) {
        Map<Integer, Integer> roundsLate = new TreeMap<>();
        List<Long> downAfter = new ArrayList<>();
        for (Cut c : cuts) {
            List<Seen> link = rounds.stream().filter(r -> r.link.equals(c.link)).toList();
            int firstAfter = indexOfFirst(link, r -> r.start >= c.to);
            // a round sent before the cut that the machine starved is no loss of the cut's
            int firstLost = indexOfFirst(link, r -> r.end >= c.from && !r.answered && !(r.start < c.from && starved(r, timeout)));
            assertTrue(firstAfter >= 0 && firstLost >= 0, "rounds around the cut of " + c + ": " + link);
            int late = firstLost - firstAfter;
            roundsLate.merge(late, 1, Integer::sum);
            Seen lost = link.get(firstLost);
            assertTrue(late <= 0, "seed " + seed + ": cut " + c + ": first lost round " + lost + " is " + late + " after " + link.get(firstAfter));
            assertTrue(late == 0 || lost.start >= c.from - 1000, "seed " + seed + ": cut " + c + ": lost round " + lost + " sent before the cut");
            assertTrue(firstLost + 2 < link.size(), "three rounds after the cut of " + c);
            for (int k = firstLost; k <= firstLost + 2; k++) assertFalse(link.get(k).answered, "round " + link.get(k) + " during " + c);
            downAfter.add((link.get(firstLost + 2).end - c.from) / 1000);
        }
        // A round lost outside the cuts must be one the loaded machine starved, not the path. Those are counted.
        int starved = 0;
        for (Seen r : rounds) {
            boolean inCut = cuts.stream().anyMatch(c -> c.link.equals(r.link) && r.end >= c.from && r.start <= c.healed + 1000);
            if (r.answered || inCut) continue;
            assertTrue(starved(r, timeout), "seed " + seed + ": round lost without a cut, on time and with no stall of the"
                    + " machine: " + r);
            starved++;
        }
        if (starved > 0) System.out.println(starved + " rounds lost outside the cuts, each late or during a stall of the"
                + " machine (" + stalls.size() + " stalls seen)");
        downAfter.sort(Long::compare);
        System.out.printf("icmp rounds every %d ms, timeout %d ms, %d cuts (seed %d): first lost round, in rounds after the first "
                        + "round started after the cut (-1: the one in progress): %s; third lost round ended %s ms after the cut%n",
                interval, timeout, cuts.size(), seed, roundsLate, downAfter);
    }

    /** Waits until the link has n rounds that started at or after since (epoch µs) and ended; at most 60 s. */
    void awaitRounds(String link, long since, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rounds.stream().filter(r -> r.link.equals(link) && r.start >= since).count() < n && System.nanoTime() < until) sleep(20);
        assertTrue(rounds.stream().filter(r -> r.link.equals(link) && r.start >= since).count() >= n,
                "no " + n + " rounds of " + link + " within 60 s of its cut: " + rounds);
    }

    static int indexOfFirst(List<Seen> rounds, java.util.function.Predicate<Seen> p) {
        for (int i = 0; i < rounds.size(); i++) if (p.test(rounds.get(i))) return i;
        return -1;
    }

    void start(long interval, long timeout) throws IOException {
        List<String> argv = mlb.it.ChildJvm.command(ProbeIT.SMALL, RoundDriver.class, String.valueOf(interval), String.valueOf(timeout));
        driver = new ProcessBuilder(paths.in(paths.router, argv.toArray(String[]::new)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    String[] w = line.split(" ", 5);
                    if (w[0].equals("ROUND")) {
                        rounds.add(new Seen(w[1], Long.parseLong(w[2]), Long.parseLong(w[3]), w[4].equals("answered"), w[4]));
                    }
                    if (w[0].equals("STALL")) stalls.add(new long[]{Long.parseLong(w[1]), Long.parseLong(w[2])});
                }
            } catch (IOException e) {
                // The driver ended.
            }
        }, "round-driver-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static long now() {
        return RoundDriver.micros(Instant.now());
    }

    static void sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }
}
