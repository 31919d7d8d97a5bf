package mlb.monitor.probe;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DnsMessageTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void aQueryIsOneQuestionWithRecursionDesired() {
        byte[] q = DnsMessage.query(0x1234, "example.com", ProbeTarget.RecordType.A);
        assertArrayEquals(hex("1234 0100 0001 0000 0000 0000 07 6578616d706c65 03 636f6d 00 0001 0001"), q);
    }

    @Test
    void theRootIsOneZeroByteAndATrailingDotChangesNothing() {
        assertArrayEquals(new byte[]{0}, DnsMessage.encodeName("."));
        assertArrayEquals(DnsMessage.encodeName("example.com"), DnsMessage.encodeName("example.com."));
        assertArrayEquals(hex("abcd 0100 0001 0000 0000 0000 00 0002 0001"), DnsMessage.query(0xabcd, ".", ProbeTarget.RecordType.NS));
    }

    @Test
    void namesThatCannotBeSentAreRefused() {
        for (String bad : new String[]{"a..b", ".a", "a b.com", "ä.com", "x".repeat(64) + ".com", ("a".repeat(63) + ".").repeat(4) + "com"}) {
            assertThrows(IllegalArgumentException.class, () -> DnsMessage.encodeName(bad), bad);
        }
        DnsMessage.encodeName(("a".repeat(62) + ".").repeat(4));
    }

    @Test
    void aReplyGivesIdRcodeAndQuestion() {
        byte[] r = hex("1234 8183 0001 0000 0000 0000 07 6578616d706c65 03 636f6d 00 001c 0001");
        assertEquals(Optional.of(new DnsMessage.Reply(0x1234, true, 3, Optional.of(new DnsMessage.Question("example.com", 28)))),
                DnsMessage.parseReply(r, r.length));
    }

    @Test
    void aReplyWithoutAQuestionStillHasItsHeader() {
        byte[] r = hex("beef 8001 0000 0000 0000 0000");
        assertEquals(Optional.of(new DnsMessage.Reply(0xbeef, true, 1, Optional.empty())), DnsMessage.parseReply(r, r.length));
    }

    @Test
    void compressionPointersAreFollowedBackwards() {
        // "com" at 12, then "example" + pointer to 12 at 17.
        byte[] m = hex("0000 0000 0000 0000 0000 0000 03 636f6d 00 07 6578616d706c65 c00c");
        assertEquals(Optional.of(new DnsMessage.Decoded("example.com", 27)), DnsMessage.decodeName(m, m.length, 17));
    }

    @Test
    void pointerLoopsAndTruncationAreNotMessages() {
        byte[] loop = hex("0000 0000 0001 0000 0000 0000 01 61 c00c 0001 0001");
        assertEquals(Optional.empty(), DnsMessage.parseReply(loop, loop.length));
        byte[] self = hex("0000 0000 0001 0000 0000 0000 c00c 0001 0001");
        assertEquals(Optional.empty(), DnsMessage.parseReply(self, self.length));
        byte[] cut = hex("1234 8180 0001 0000 0000 0000 07 6578616d");
        assertEquals(Optional.empty(), DnsMessage.parseReply(cut, cut.length));
        assertEquals(Optional.empty(), DnsMessage.parseReply(hex("1234 8180 00"), 5));
    }

    @Test
    void aReplyIsOursOnlyWithOurIdOurQuestionAndQr() {
        ProbeTarget.Dns t = new ProbeTarget.Dns(ProbesTest.LOOPBACK, 53, "Example.COM.", ProbeTarget.RecordType.A);
        DnsMessage.Question q = new DnsMessage.Question("example.com", 1);
        assertEquals(true, DnsProbe.answers(new DnsMessage.Reply(7, true, 0, Optional.of(q)), 7, t));
        assertEquals(true, DnsProbe.answers(new DnsMessage.Reply(7, true, 0, Optional.empty()), 7, t));
        assertEquals(false, DnsProbe.answers(new DnsMessage.Reply(8, true, 0, Optional.of(q)), 7, t));
        assertEquals(false, DnsProbe.answers(new DnsMessage.Reply(7, false, 0, Optional.of(q)), 7, t));
        assertEquals(false, DnsProbe.answers(new DnsMessage.Reply(7, true, 0, Optional.of(new DnsMessage.Question("example.com", 28))), 7, t));
        assertEquals(false, DnsProbe.answers(new DnsMessage.Reply(7, true, 0, Optional.of(new DnsMessage.Question("example.org", 1))), 7, t));
    }
}
