package mlb.lab;

import mlb.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `mlb init` on the lab's router, as a router with three ISPs has it before mlb (a default route on each uplink,
 * by metric, as DHCP clients leave them): the spec it prints names the three uplinks, validates, and applied
 * unedited shares new connections by its weights (equal: the veths all report the same speed) within the demo's
 * tolerance, with real packets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InitLabIT {
    private Topology t;
    private LabSession session;

    @BeforeAll
    void up() {
        TestLabs.assumeRoot();
        t = TestLabs.topology();
        session = LabSession.open(TestLabs.RUNNER, t, true);
    }

    @AfterAll
    void down() {
        if (session != null) session.close();
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new String[]{String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void initsSpecOfTheLabRouterValidatesAndSharesByItsWeights() throws Exception {
        for (Isp isp : t.isps().subList(1, t.isps().size())) {
            assertTrue(TestLabs.RUNNER.run(List.of("ip", "-n", t.routerNs(), "route", "add", "default", "via", isp.gateway(),
                    "dev", isp.name(), "metric", String.valueOf(100 * isp.index()))).ok());
        }
        Path spec = LabProcesses.stateDir(t.prefix()).resolve("init.toml");
        Files.deleteIfExists(spec);
        String[] init = run("init", "--netns", t.routerNs(), "-o", spec.toString());
        assertEquals("0", init[0], init[2]);
        assertTrue(init[1].contains("3 uplinks found"), init[1] + init[2]);
        String text = Files.readString(spec);
        for (Isp isp : t.isps()) assertTrue(text.contains("dev = \"" + isp.name() + "\""), text);
        String[] valid = run("validate", "-f", spec.toString());
        assertEquals("0", valid[0], valid[2]);
        RouterMlb.Result applied = new RouterMlb(t).apply(spec);
        assertEquals(0, applied.code(), applied.err());
        Shares s = new Measurements(session).shares(LabSpec.of(t).withWeights(List.of(1, 1, 1)), 600);
        System.out.println("mlb init's spec on the lab router, 600 connections: " + s.counts());
        assertTrue(s.worstDeviationPoints() <= 5.0, "shares " + s.rows());
        assertEquals(0, new RouterMlb(t).destroy().code());
    }
}
