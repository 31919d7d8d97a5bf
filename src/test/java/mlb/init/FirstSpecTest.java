package mlb.init;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.Device;
import mlb.spec.Spec;
import mlb.spec.SpecParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirstSpecTest {
    private static Uplink uplink(String dev, String gateway, int speed) {
        return new Uplink(dev, new GatewayRoute(dev, "default", Option.of(gateway), "main", 100),
                List.of(new Device.Address(gateway.replaceAll("\\.1$", ".2"), 24)), true, true,
                speed > 0 ? Option.some(speed) : Option.none());
    }

    private static Draft write(Uplink... uplinks) {
        return FirstSpec.write(List.of(uplinks), HashSet.of("lo", "eth0", "wan1", "wan2", "wan3"), "netns mlbt-x");
    }

    private static Spec valid(Draft d) {
        var parsed = SpecParser.parse(d.text(), "init.toml");
        assertTrue(parsed.isValid(), () -> parsed.getError().mkString("\n") + "\n" + d.text());
        return parsed.get();
    }

    @Test
    void twoUplinksWithSpeedsGetRatesFromTheirSpeedsAndEveryGuessSaysWhereItCameFrom() {
        Draft d = write(uplink("wan1", "198.18.1.1", 1000), uplink("wan2", "198.18.2.1", 100));
        assertEquals("""
                # A first mlb spec, written by `mlb init` from the links of netns mlbt-x: 2 uplinks found.
                # Every value is a guess from what the kernel reports, and its comment says where it came from:
                # check each, then `mlb validate -f FILE` and `mlb plan -f FILE` (which changes nothing).

                [balancer]
                mode = "route"              # per flow, by hash; "connmark" gives each new connection a link and keeps it there

                [[link]]
                name = "wan1"
                dev = "wan1"                # 198.18.1.2/24; up, carrier on
                gateway = "198.18.1.1"      # gateway from the default route via wan1 (table main, metric 100)
                bandwidth = "1000mbit"      # weight from the 1000 Mb/s link speed: change it to your ISP's rate
                # [link.check]              # what `mlb monitor` probes through this link: uncomment and write
                # targets = ["192.0.2.1"]   # addresses that answer through it (placeholder)

                [[link]]
                name = "wan2"
                dev = "wan2"                # 198.18.2.2/24; up, carrier on
                gateway = "198.18.2.1"      # gateway from the default route via wan2 (table main, metric 100)
                bandwidth = "100mbit"       # weight from the 100 Mb/s link speed: change it to your ISP's rate
                # [link.check]              # what `mlb monitor` probes through this link: uncomment and write
                # targets = ["192.0.2.2"]   # addresses that answer through it (placeholder)
                """, d.text());
        assertEquals(List.empty(), d.warnings());
        Spec spec = valid(d);
        assertEquals(List.of(10, 1), spec.links().map(l -> l.weight()));
    }

    @Test
    void oneUnknownSpeedMeansEqualWeightsForAll() {
        Draft d = write(uplink("wan1", "198.18.1.1", 1000), uplink("wan2", "198.18.2.1", -1));
        assertEquals(List.of(1, 1), valid(d).links().map(l -> l.weight()));
        assertTrue(d.text().contains("weight = 1                  # equal shares: the kernel knows the speed of wan1 but not of every link"), d.text());
    }

    @Test
    void oneUplinkSaysSoAndStillMakesATemplateThatValidates() {
        Draft d = write(uplink("wan1", "198.18.1.1", 1000));
        Spec spec = valid(d);
        assertEquals(List.of("wan1", "isp2"), spec.links().map(l -> l.name()));
        // the placeholder's device is one the host does not have, so the template cannot route as it is
        assertEquals(List.of("wan1", "wan4"), spec.links().map(l -> l.dev()));
        assertTrue(d.text().contains("dev = \"wan4\"                # placeholder: the interface of ISP 2"), d.text());
        assertTrue(d.text().contains("gateway = \"192.0.2.2\"       # placeholder: the address of ISP 2's router"), d.text());
        assertTrue(d.text().contains("bandwidth = \"100mbit\"       # placeholder: ISP 2's rate"), d.text());
        assertEquals(List.of("found one uplink (wan1) on netns mlbt-x: balancing needs two; the spec has placeholders to fill in"),
                d.warnings());
    }

    @Test
    void noUplinkIsATemplateOfTwoPlaceholders() {
        Draft d = write();
        assertEquals(List.of("isp1", "isp2"), valid(d).links().map(l -> l.name()));
        assertEquals(List.of("wan4", "wan5"), valid(d).links().map(l -> l.dev()));
        assertEquals(List.of("found no uplink on netns mlbt-x: balancing needs two; the spec has placeholders to fill in"),
                d.warnings());
    }

    @Test
    void aGatewayNoSpecTakesBecomesAPlaceholderThatSaysWhy() {
        Draft d = write(uplink("wan1", "169.254.0.1", 0), uplink("wan2", "198.18.2.1", 0));
        valid(d);
        assertTrue(d.text().contains("gateway = \"192.0.2.1\"       # placeholder: the default route via wan1 (table main, "
                + "metric 100) goes through 169.254.0.1, a link-local address, in 169.254.0.0/16: write the address of the ISP's router"), d.text());
    }

    @Test
    void aPointToPointLineWithoutGatewayUsesItsPeer() {
        Uplink ppp = new Uplink("ppp0", new GatewayRoute("ppp0", "default", Option.none(), "main", 0),
                List.of(new Device.Address("10.77.0.2", 32, Option.some("10.77.0.1"))), true, true, Option.none());
        Draft d = write(ppp, uplink("wan1", "198.18.1.1", 0));
        assertEquals(List.of("10.77.0.1", "198.18.1.1"), valid(d).links().map(l -> l.gateway()));
        assertTrue(d.text().contains("# gateway from ppp0's peer address (the default route via ppp0 (table main) names no gateway)"), d.text());
    }

    @Test
    void anInterfaceASpecCannotNameIsLeftOutAndSaid() {
        Draft d = write(uplink("wan1", "198.18.1.1", 0), uplink("wan2", "198.18.2.1", 0), uplink("we ird", "198.18.3.1", 0));
        assertEquals(2, valid(d).links().size());
        assertTrue(d.text().contains("# Left out: we ird (the default route via we ird (table main, metric 100)): a spec cannot name"), d.text());
        assertEquals(List.of("left out we ird: a spec cannot name this interface"), d.warnings());
    }

    @Test
    void interfaceNamesAreTamedIntoLinkNamesAndKeptUnique() {
        assertEquals("eth0-2", FirstSpec.tame("eth0.2"));
        assertEquals("wan", FirstSpec.tame("_WAN"));
        Draft d = write(uplink("WAN", "198.18.1.1", 0), uplink("wan", "198.18.2.1", 0), uplink("_wan", "198.18.3.1", 0));
        assertEquals(List.of("wan", "isp2", "isp3"), valid(d).links().map(l -> l.name()));
        assertTrue(d.text().contains("name = \"isp2\"               # a name of its own: wan's is taken or no link name"), d.text());
        assertTrue(d.text().contains("name = \"wan\"                # from the interface's name"), d.text());
    }
}
