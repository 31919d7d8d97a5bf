package mlb.lab;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyTest {
    @Test
    void namesEveryNamespaceWithThePrefix() {
        Topology t = Topology.defaults();
        assertEquals(List.of("mlb-lan", "mlb-router", "mlb-isp1", "mlb-isp2", "mlb-isp3", "mlb-inet"), t.namespaces());
    }

    @Test
    void addressesFollowTheLinkNumber() {
        Isp isp2 = Topology.defaults().isps().get(1);
        assertEquals("isp2", isp2.name());
        assertEquals("198.18.2.2", isp2.routerAddress());
        assertEquals("198.18.2.1", isp2.gateway());
        assertEquals("198.18.102.1", isp2.upstreamAddress());
        assertEquals("198.18.102.2", isp2.internetAddress());
        assertEquals(List.of("198.19.0.1", "198.19.0.2", "198.19.0.3", "198.19.0.4"),
                Topology.defaults().serverAddresses());
    }

    @Test
    void totalRateIsTheSumOfTheLinks() {
        assertEquals(100_000_000L, Topology.defaults().totalRate().bitsPerSecond());
    }

    @Test
    void recognisesOnlyItsOwnNamespaces() {
        assertTrue(Topology.belongsTo("mlb", "mlb-router"));
        assertTrue(Topology.belongsTo("mlb", "mlb-isp7"));
        assertFalse(Topology.belongsTo("mlb", "mlb-routers"));
        assertFalse(Topology.belongsTo("mlb", "mlbt-x-router"));
        assertFalse(Topology.belongsTo("mlb", "mlb-something"));
        assertFalse(Topology.belongsTo("mlbt-1", "mlb-router"));
    }

    @Test
    void rejectsPrefixesThatCouldConfuseOrCollide() {
        assertThrows(IllegalArgumentException.class, () -> Topology.of("-n", Topology.DEFAULT_RATES));
        assertThrows(IllegalArgumentException.class, () -> Topology.of("MLB", Topology.DEFAULT_RATES));
        assertThrows(IllegalArgumentException.class, () -> Topology.of("a/b", Topology.DEFAULT_RATES));
        assertThrows(IllegalArgumentException.class, () -> Topology.of("mlb-", Topology.DEFAULT_RATES));
        assertThrows(IllegalArgumentException.class, () -> Topology.of("mlb", List.of()));
    }
}
