package mlb.lab;

import mlb.proc.Runner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sticky sources in connmark mode, with real packets: every new connection of the LAN host takes the link its
 * first one took; when that line is cut, the monitor takes the link out with its set of sources and the host's
 * connections stick to the link they are dealt next, also after the cut line is back; a source that opens
 * nothing for the timeout is forgotten.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StickyLabIT {
    private Topology t;
    private LabSession session;
    private LabMonitor monitor;
    private Measurements m;
    private LabSpec spec;
    private Path file;

    @BeforeAll
    void up() throws IOException {
        TestLabs.assumeRoot();
        t = TestLabs.topology();
        session = LabSession.open(TestLabs.RUNNER, t, true);
        m = new Measurements(session);
        spec = LabSpec.of(t).withMode("connmark").withWeights(List.of(1, 1, 1));
        monitor = TestLabs.monitored(t, "sticky", spec.toml().replace("[balancer]\n", "[balancer]\nsticky = \"4s\"\n"));
        file = LabProcesses.stateDir(t.prefix()).resolve("sticky.toml");
    }

    @AfterAll
    void down() {
        if (monitor != null) monitor.close();
        if (session != null) session.close();
    }

    @Test
    void aHostsConnectionsKeepOneLinkAcrossACutAndItsReturnUntilTheTimeout() {
        String first = onlyLink(m.shares(spec, 30).counts());
        assertTrue(sources(first).contains(Topology.HOST_ADDRESS), () -> "the host is remembered with " + first + ": " + sources(first));
        RouterMlb.Result plan = new RouterMlb(t).plan(file);
        assertEquals(0, plan.code(), plan.out() + plan.err());
        assertTrue(plan.out().contains("No changes."), "what packets put in a set is not mlb's to plan: " + plan.out());

        Isp cut = t.isps().stream().filter(i -> i.name().equals(first)).findFirst().orElseThrow();
        session.lab().cut(cut);
        String next;
        try {
            await(sets -> !sets.contains("sticky_" + first), "the monitor takes " + first + " out with its set");
            next = onlyLink(m.shares(spec, 30).counts());
            assertTrue(!next.equals(first), "dealt again, to a live link: " + next);
        } finally {
            session.lab().heal(cut);
        }
        await(sets -> sets.contains("sticky_" + first), first + " back, with an empty set");
        assertEquals(List.of(), sources(first));
        assertEquals(Map.of(next, 30), nonZero(m.shares(spec, 30).counts()), "its return takes no sticky source back");

        LabProcesses.sleep(5000);
        assertEquals(List.of(), sources(next), "forgotten 4 s after its last new connection");
    }

    private static String onlyLink(Map<String, Integer> counts) {
        Map<String, Integer> used = nonZero(counts);
        assertEquals(1, used.size(), "one host, one link: " + counts);
        return used.keySet().iterator().next();
    }

    private static Map<String, Integer> nonZero(Map<String, Integer> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The addresses in a link's set of sources, as the kernel lists them. */
    private List<String> sources(String link) {
        Runner.Result r = nft("list", "set", "inet", "mlb", "sticky_" + link);
        assertTrue(r.ok(), r.stderr());
        return java.util.regex.Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+").matcher(r.stdout().replaceAll("(?s).*elements = ", ""))
                .results().map(java.util.regex.MatchResult::group).toList();
    }

    private void await(Predicate<String> sets, String what) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!sets.test(nft("list", "sets").stdout()) && System.nanoTime() < until) LabProcesses.sleep(50);
        assertTrue(sets.test(nft("list", "sets").stdout()), () -> what + "\n" + String.join("\n", monitor.lines()));
    }

    private Runner.Result nft(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", t.routerNs(), "nft"));
        cmd.addAll(List.of(args));
        return TestLabs.RUNNER.run(cmd);
    }
}
