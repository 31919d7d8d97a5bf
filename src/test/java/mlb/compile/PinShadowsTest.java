package mlb.compile;

import io.vavr.collection.List;
import mlb.spec.Pin;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PinShadowsTest {
    private static Pin pin(String name, String proto, List<Pin.Ports> dport, List<String> dst) {
        return new Pin(name, proto, dport, List.empty(), dst, List.empty(), List.of("isp1"));
    }

    private static List<Pin.Ports> ports(int first, int last) {
        return List.of(new Pin.Ports(first, last));
    }

    @Test
    void aPinWhoseTrafficAnEarlierOneMatchesWholeIsNoted() {
        Pin web = pin("web", "tcp", ports(1, 1024), List.empty());
        Pin https = pin("https", "tcp", ports(443, 443), List.of("198.51.100.0/24"));
        assertEquals(List.of("pin https can never match: pin web before it matches all of its traffic (the first match"
                + " wins; move it up or narrow the earlier one)"), PinShadows.notes(List.of(web, https)));
        assertEquals(List.empty(), PinShadows.notes(List.of(https, web)), "the narrow one first: both can match");
    }

    @Test
    void aPinIsCoveredOnlyWhereEveryMatchOfItIsInside() {
        Pin nets = pin("nets", "", List.empty(), List.of("10.77.0.0/16", "198.18.0.0/24"));
        assertEquals(true, PinShadows.covers(nets, pin("one", "udp", List.empty(), List.of("10.77.3.0/24", "198.18.0.7/32"))));
        assertEquals(false, PinShadows.covers(nets, pin("out", "udp", List.empty(), List.of("10.77.3.0/24", "198.18.1.7/32"))));
        assertEquals(false, PinShadows.covers(nets, pin("any", "udp", List.empty(), List.empty())), "all destinations");
        assertEquals(false, PinShadows.covers(pin("tcp", "tcp", List.empty(), List.empty()), pin("udp", "udp", List.empty(), List.empty())));
        assertEquals(false, PinShadows.covers(pin("few", "tcp", ports(80, 90), List.empty()), pin("more", "tcp", ports(85, 95), List.empty())));
    }
}
