package mlb.lab;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabSpecTest {
    private final Topology t = Topology.of("mlb", List.of(Rate.mbit(20), Rate.mbit(30)));

    @Test
    void rendersOneLinkPerIspWithItsBandwidthAndCheck() {
        assertEquals("""
                # mlb spec for the lab 'mlb' (router namespace mlb-router)
                [balancer]
                mode = "route"
                hash = "l4"

                [[link]]
                name = "isp1"
                dev = "isp1"
                gateway = "198.18.1.1"
                bandwidth = "20mbit"
                [link.check]
                targets = ["198.19.0.1"]

                [[link]]
                name = "isp2"
                dev = "isp2"
                gateway = "198.18.2.1"
                bandwidth = "30mbit"
                [link.check]
                targets = ["198.19.0.1"]
                """, LabSpec.of(t).toml());
    }

    @Test
    void explicitWeightsReplaceBandwidth() {
        LabSpec s = LabSpec.of(t).withHash("l3").withWeights(List.of(1, 3));
        assertTrue(s.toml().contains("hash = \"l3\""));
        assertTrue(s.toml().contains("weight = 3\n"));
        assertTrue(!s.toml().contains("bandwidth"));
        assertEquals(0.75, s.share(t.isps().get(1)), 1e-9);
    }

    @Test
    void aMeasurementTunesTheBalancerTheChecksAndTheMonitor() {
        String toml = LabSpec.of(t).tuned(new LabSpec.Tuning(List.of("idle_timer = \"5s\""), List.of("interval = \"200ms\"",
                "timeout = \"150ms\""), List.of("conntrack_grace = \"2s\""))).toml();
        assertTrue(toml.contains("hash = \"l4\"\nidle_timer = \"5s\"\n\n[monitor]\nconntrack_grace = \"2s\"\n"), toml);
        assertTrue(toml.contains("targets = [\"198.19.0.1\"]\ninterval = \"200ms\"\ntimeout = \"150ms\"\n"), toml);
        assertTrue(mlb.spec.SpecParser.parse(toml, "lab.toml").isValid(), toml);
    }

    @Test
    void sharesFollowTheRatesByDefault() {
        assertEquals(0.4, LabSpec.of(t).share(t.isps().get(0)), 1e-9);
    }

    @Test
    void theCommittedLabSpecIsWhatLabUpWrites() throws java.io.IOException {
        assertEquals(LabSpec.of(Topology.defaults()).toml(), java.nio.file.Files.readString(
                java.nio.file.Path.of("specs/lab.toml")), "regenerate: sudo ./mlb lab up --write-spec specs/lab.toml");
    }

    @Test
    void rejectsAWeightCountThatDoesNotMatch() {
        assertThrows(IllegalArgumentException.class, () -> LabSpec.of(t).withWeights(List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> LabSpec.of(t).withHash("l2"));
    }
}
