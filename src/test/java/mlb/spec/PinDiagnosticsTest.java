package mlb.spec;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import static mlb.spec.Specs.LINK;
import static mlb.spec.Specs.only;
import static mlb.spec.Specs.problems;
import static mlb.spec.Specs.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** [[pin]]: what it reads, and each mistake with its place and hint. */
class PinDiagnosticsTest {
    private static final String CONNMARK = "[balancer]\nmode = \"connmark\"\nlan = [\"10.77.0.0/16\"]\n" + LINK
            + "[[link]]\nname = \"isp2\"\ndev = \"eth2\"\ngateway = \"198.18.0.1\"\n";

    @Test
    void aPinReadsItsMatchesAndOrderedLinks() {
        Spec spec = valid(CONNMARK + "[[pin]]\nname = \"web\"\nproto = \"tcp\"\ndport = [80, 443, \"8000-8099\"]\n"
                + "dst = [\"198.51.100.0/24\"]\nlinks = [\"isp2\", \"isp1\", \"balance\"]\n"
                + "[[pin]]\nproto = \"udp\"\nsport = [53]\nsrc = [\"10.77.1.0/24\"]\nlinks = [\"isp1\"]\n");
        assertEquals(List.of(new Pin("web", "tcp", List.of(new Pin.Ports(80, 80), new Pin.Ports(443, 443), new Pin.Ports(8000, 8099)),
                        List.empty(), List.of("198.51.100.0/24"), List.empty(), List.of("isp2", "isp1", "balance")),
                new Pin("pin2", "udp", List.empty(), List.of(new Pin.Ports(53, 53)), List.empty(), List.of("10.77.1.0/24"),
                        List.of("isp1"))), spec.pins());
    }

    @Test
    void mistakes() {
        Diagnostic unknown = only(CONNMARK + "[[pin]]\nproto = \"tcp\"\nlinks = [\"isp3\"]\n", "14:10 pin[0].links[0]: no link named \"isp3\"");
        assertEquals("did you mean \"isp1\"? links: isp1, isp2, or \"balance\" last", unknown.hint());
        assertEquals(Code.UNKNOWN_LINK, unknown.code());
        only(CONNMARK + "[[pin]]\nproto = \"tcp\"\nlinks = [\"balance\", \"isp1\"]\n",
                "14:10 pin[0].links[0]: \"balance\" must be the last of links");
        assertEquals(Code.MISSING_KEY, only(CONNMARK + "[[pin]]\ndport = [22]\nlinks = [\"isp1\"]\n",
                "13:1 pin[0].dport: ports need proto = \"tcp\" or \"udp\"").code());
        assertEquals(Code.CONFLICT, only(CONNMARK + "[[pin]]\nproto = \"icmp\"\ndport = [22]\nlinks = [\"isp1\"]\n",
                "14:1 pin[0].dport: ports need proto = \"tcp\" or \"udp\", not \"icmp\"").code());
        assertEquals(Code.BAD_VALUE, only(CONNMARK + "[[pin]]\nproto = \"tcp\"\ndport = [\"99-9\"]\nlinks = [\"isp1\"]\n",
                "14:10 pin[0].dport[0]: reversed port range \"99-9\"").code());
        assertEquals(Code.OUT_OF_RANGE, only(CONNMARK + "[[pin]]\nproto = \"tcp\"\ndport = [70000]\nlinks = [\"isp1\"]\n",
                "14:10 pin[0].dport[0]: not a port: 70000").code());
        assertEquals(Code.OVERLAP, only(CONNMARK + "[[pin]]\nproto = \"tcp\"\ndport = [80, \"70-90\"]\nlinks = [\"isp1\"]\n",
                "14:14 pin[0].dport[1]: range \"70-90\" overlaps port 80 before it").code());
        assertEquals(Code.MATCHES_ALL, only(CONNMARK + "[[pin]]\nlinks = [\"isp1\"]\n", "12:1 pin[0]: pin pin1 matches every connection").code());
        only(CONNMARK + "[[pin]]\nproto = \"tcp\"\n", "12:1 pin[0].links: missing required key");
    }

    @Test
    void routeModeTakesPinsUpToItsPriorities() {
        String pin = "[[pin]]\nproto = \"tcp\"\nlinks = [\"isp1\"]\n";
        assertEquals(Pin.ROUTE_MODE_LIMIT, valid(LINK + pin.repeat(Pin.ROUTE_MODE_LIMIT)).pins().size());
        int line = LINK.split("\n").length + 1 + 3 * Pin.ROUTE_MODE_LIMIT;
        only(LINK + pin.repeat(Pin.ROUTE_MODE_LIMIT + 1), line + ":1 pin[50]: route mode has rule priorities for 50 pins,"
                + " and this is pin 51");
    }

    @Test
    void anEmptyLanRefusesPinsInConnmarkMode() {
        only("[balancer]\nmode = \"connmark\"\nlocal = true\n" + LINK + "[[pin]]\nproto = \"tcp\"\nlinks = [\"isp1\"]\n",
                "8:1 pin: [[pin]] steers new connections from lan, and lan is empty");
    }
}
