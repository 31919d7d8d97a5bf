package mlb.spec;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import static mlb.spec.Specs.LINK;
import static mlb.spec.Specs.only;
import static mlb.spec.Specs.problems;
import static mlb.spec.Specs.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Mode "connmark": what it reads, its defaults, and each mistake with its place and hint. */
class ConnmarkDiagnosticsTest {
    private static final String CONNMARK = "[balancer]\nmode = \"connmark\"\nlan = [\"10.77.0.0/16\"]\n";

    @Test
    void aConnmarkSpecReadsEveryKey() {
        Spec spec = valid("[balancer]\nmode = \"connmark\"\ndistribution = \"random\"\nlan = [\"10.77.0.0/16\", \"10.77.9.9/32\"]\n"
                + "local = true\nmark_mask = 0x0000ff00\nnft_table = \"balance\"\nhelpers = [\"ftp\", \"sip\"]\nsticky = \"10m\"\n"
                + LINK + "nat = false\nmark = 0x0300\n");
        Connmark c = spec.balancer().connmark();
        assertEquals(Balancer.Mode.CONNMARK, spec.balancer().mode());
        assertEquals(new Connmark(Connmark.Distribution.RANDOM, List.of("10.77.0.0/16", "10.77.9.9/32"), true, 0xff00,
                "balance", List.of(new Connmark.Helper("ftp", "tcp", 21), new Connmark.Helper("sip", "udp", 5060)),
                java.time.Duration.ofMinutes(10)), c);
        assertEquals(false, spec.links().head().nat());
        assertEquals(0x300L, spec.links().head().mark().get());
    }

    @Test
    void defaultsAreWrrTheMlbTableAndNatOn() {
        Spec spec = valid(CONNMARK + LINK);
        assertEquals(Connmark.defaults().distribution(), spec.balancer().connmark().distribution());
        assertEquals(0x00ff0000L, spec.balancer().connmark().markMask());
        assertEquals("mlb", spec.balancer().connmark().nftTable());
        assertEquals(true, spec.links().head().nat());
    }

    @Test
    void connmarkKeysInRouteModeAreMistakesOfTheirOwn() {
        Diagnostic d = only("[balancer]\nlan = [\"10.77.0.0/16\"]\n" + LINK,
                "2:1 balancer.lan: lan only applies to mode = \"connmark\"");
        assertEquals("add mode = \"connmark\" to [balancer], or remove lan", d.hint());
        only(LINK + "mark = 5\n", "5:1 link[0].mark: mark only applies to mode = \"connmark\"");
    }

    @Test
    void routeModeHasMlbsNftablesKeysForPinsWithListFiles() {
        var spec = SpecParser.parse("[balancer]\nmark_mask = 0x0000ff00\nnft_table = \"wan\"\n" + LINK, "spec.toml");
        assertEquals(List.of(), spec.isInvalid() ? spec.getError() : List.empty());
        assertEquals(0xff00L, spec.get().balancer().connmark().markMask());
        assertEquals("wan", spec.get().balancer().connmark().nftTable());
    }

    @Test
    void aConnmarkBalancerWithAnotherMistakeDoesNotCallItsKeysOutOfMode() {
        only("[balancer]\nmode = \"connmark\"\nlocal = true\nhash = \"l5\"\n" + LINK,
                "4:8 balancer.hash: must be \"l4\" or \"l3\" or \"source\", found \"l5\"");
    }

    @Test
    void itMustBalanceSomething() {
        Diagnostic d = only("[balancer]\nmode = \"connmark\"\n" + LINK,
                "1:1 balancer: mode \"connmark\" balances nothing: no lan and local = false");
        assertEquals("add lan = [\"10.77.0.0/16\"] (the networks behind this router) or local = true (this host's own connections)",
                d.hint());
    }

    @Test
    void wrongValues() {
        only("[balancer]\nmode = \"connmark\"\nlocal = true\ndistribution = \"nth\"\n" + LINK,
                "4:16 balancer.distribution: must be \"wrr\" or \"random\", found \"nth\"");
        only("[balancer]\nmode = \"connmark\"\nlan = [\"10.77.0.1/16\"]\n" + LINK,
                "3:8 balancer.lan[0]: host bits are set in \"10.77.0.1/16\"");
        only("[balancer]\nmode = \"connmark\"\nlan = [\"0.0.0.0/0\"]\n" + LINK,
                "3:7 balancer.lan: lan 0.0.0.0/0 would balance the links' own incoming connections too");
        only("[balancer]\nmode = \"connmark\"\nlan = [\"10.77.0.0/16\", \"10.77.0.0/16\"]\n" + LINK,
                "3:24 balancer.lan[1]: duplicate prefix \"10.77.0.0/16\"");
        Diagnostic helper = only(CONNMARK + "helpers = [\"ftpd\"]\n" + LINK,
                "4:12 balancer.helpers[0]: not a conntrack helper mlb knows: \"ftpd\"");
        assertEquals("use one of \"ftp\", \"tftp\", \"irc\", \"sip\", \"amanda\"", helper.hint());
        only(CONNMARK + "nft_table = \"MLB\"\n" + LINK, "4:13 balancer.nft_table: not a valid nftables table name: \"MLB\"");
        Diagnostic mask = only(CONNMARK + "mark_mask = 0x00f0f000\n" + LINK, "4:13 balancer.mark_mask: not a mark mask: 0xf0f000");
        assertEquals("use contiguous bits within 32 bits, at least 2 of them, e.g. mark_mask = 0x00ff0000", mask.hint());
        Diagnostic day = only(CONNMARK + "sticky = \"2000m\"\n" + LINK, "4:10 balancer.sticky: must be 0s..1440m, found \"2000m\"");
        assertEquals("write sticky = \"10m\"", day.hint());
        only(CONNMARK + "sticky = \"1500ms\"\n" + LINK, "4:10 balancer.sticky: must be a whole number of seconds, found \"1500ms\"");
        only("[balancer]\nsticky = \"10m\"\n" + LINK, "2:1 balancer.sticky: sticky only applies to mode = \"connmark\"");
    }

    @Test
    void marksLieWithinTheMaskAndDiffer() {
        Diagnostic outside = only(CONNMARK + LINK + "mark = 0x100\n", "8:8 link[0].mark: mark 0x100 has bits outside mark_mask 0x00ff0000");
        assertEquals("use a mark within the mask, e.g. mark = 0x00010000, or leave mark out to have one assigned", outside.hint());
        String second = "[[link]]\nname = \"isp2\"\ndev = \"eth2\"\ngateway = \"198.18.0.1\"\nmark = 0x10000\n";
        assertEquals(List.of("13:8 link[1].mark: duplicate mark 0x10000, first used by link isp1"),
                problems(CONNMARK + LINK + "mark = 0x10000\n" + second));
    }

    @Test
    void whatThisVersionDoesOnlyInRouteModeIsRefusedByName() {
        only(CONNMARK + LINK + "[[link.route]]\nto = \"198.51.100.0/24\"\n",
                "9:6 link[0].route[0].to: [[link.route]] is not supported in mode \"connmark\" in this version");
        only(CONNMARK + "last_resort = \"unreachable\"\n" + LINK,
                "4:15 balancer.last_resort: last_resort = \"unreachable\" is not supported in mode \"connmark\" in this version");
    }
}
