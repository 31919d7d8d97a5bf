package mlb.monitor.carrier;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lines `ip monitor link` printed on this machine (iproute2 6.1) for a veth whose peer went down and up. */
class LinkLinesTest {
    @Test
    void carrierIsLowerUpWithoutNoCarrier() {
        assertEquals(Option.some(new CarrierEvent("wan1", false, true, 0)), LinkLines.parse(
                "3: wan1@wan1p: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN group default "));
        assertEquals(Option.some(new CarrierEvent("wan1", true, true, 0)), LinkLines.parse(
                "3: wan1@wan1p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default "));
        assertEquals(Option.some(new CarrierEvent("wan1p", false, true, 0)), LinkLines.parse(
                "2: wan1p@wan1: <NO-CARRIER,BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state LOWERLAYERDOWN group default "));
        assertEquals(Option.some(new CarrierEvent("wan1p", false, false, 0)), LinkLines.parse(
                "2: wan1p@wan1: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN group default "), "administratively down");
    }

    @Test
    void aDeletedDeviceHasNoCarrierAndOtherLinesSayNothing() {
        assertEquals(Option.some(new CarrierEvent("eth0.2", false, false, 0)), LinkLines.parse(
                "Deleted 7: eth0.2@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default "));
        assertEquals(Option.none(), LinkLines.parse("    link/ether 0a:d1:ec:64:8f:a5 brd ff:ff:ff:ff:ff:ff"));
        assertEquals(Option.none(), LinkLines.parse(""));
    }
}
