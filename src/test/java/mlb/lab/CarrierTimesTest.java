package mlb.lab;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CarrierTimesTest {
    private static KernelEvents.Line ip(long ms, String text) {
        return new KernelEvents.Line(ms * 1_000_000, false, text);
    }

    /** Lines as `ip monitor` printed them in a lab run, at made-up times. */
    @Test
    void mlbsFirstChangeAfterEachNotificationIsTimedFromIt() {
        List<KernelEvents.Line> lines = List.of(
                ip(1000, "4: isp2@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc tbf state DOWN group default "),
                ip(1000, "    link/ether 32:99:a1:ec:61:cd brd ff:ff:ff:ff:ff:ff link-netns cx-isp2"),
                ip(1028, "Deleted 10010:\tfrom 198.18.2.2 lookup 202 proto 250"),
                ip(1029, "Deleted default via 198.18.2.1 dev isp2 table 202 proto 250 linkdown "),
                ip(4000, "4: isp2@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc tbf state UP group default "),
                ip(4022, "id 202 via 198.18.2.1 dev isp2 scope link proto 250 "),
                ip(5100, "id 200 group 201,2/202,3/203,5 type resilient buckets 512 proto 250 "));
        CarrierTimes t = CarrierTimes.of(lines, "isp2");
        assertEquals(Option.some(28.0), t.lostToWriteMs());
        assertEquals(Option.some(22.0), t.backToRestoreMs());
    }

    @Test
    void nftChangesCountAndOtherDevicesDoNot() {
        List<KernelEvents.Line> lines = List.of(
                ip(0, "3: isp1@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 state DOWN "),
                ip(10, "4: isp2@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 state DOWN "),
                new KernelEvents.Line(40_000_000, true, "add element inet mlb slots { 3 : 0x00000201 }"));
        CarrierTimes t = CarrierTimes.of(lines, "isp2");
        assertEquals(Option.some(30.0), t.lostToWriteMs());
        assertEquals(Option.none(), t.backToRestoreMs(), "the carrier never came back");
    }
}
