package mlb.monitor.probe;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IcmpPacketTest {
    static final InetAddress TARGET = EchoesTest.address("198.19.0.7");
    static final InetAddress ROUTER = EchoesTest.address("198.18.2.1");

    @Property
    void aRequestCarriesAValidChecksum(@ForAll @IntRange(max = 0xffff) int id, @ForAll @IntRange(max = 0xffff) int seq) {
        byte[] p = IcmpPacket.echoRequest(id, seq);
        assertEquals(0, IcmpPacket.checksum(p, 0, p.length), "a packet with its checksum sums to zero");
        assertEquals(8 + IcmpPacket.PAYLOAD, p.length);
        assertEquals(IcmpPacket.ECHO_REQUEST, p[0]);
    }

    @Property
    void aReplyIsReadBackAsSent(@ForAll @IntRange(max = 0xffff) int id, @ForAll @IntRange(max = 0xffff) int seq) {
        byte[] p = FakeIcmpNet.ip(TARGET, IcmpPacket.echoReply(id, seq));
        assertEquals(Optional.of(new IcmpPacket.Reply(id, seq, TARGET)), IcmpPacket.parse(p, p.length));
    }

    @Property
    void anErrorNamesTheQuotedRequestAndWhoSentIt(@ForAll @IntRange(max = 0xffff) int id, @ForAll @IntRange(max = 0xffff) int seq,
                                                  @ForAll @IntRange(max = 15) int code) {
        byte[] p = FakeIcmpNet.error(new FakeIcmpNet.Sent("wan1", TARGET, id, seq), ROUTER, IcmpPacket.UNREACHABLE, code, 0).get(0).packet();
        String reason = IcmpPacket.reason(IcmpPacket.UNREACHABLE, code) + " from 198.18.2.1";
        assertEquals(Optional.of(new IcmpPacket.Error(id, seq, TARGET, reason)), IcmpPacket.parse(p, p.length));
    }

    @Property
    void anyBytesAreReadWithoutFailing(@ForAll @Size(max = 120) byte[] bytes, @ForAll @IntRange(max = 120) int length) {
        IcmpPacket.parse(bytes, Math.min(length, bytes.length));
    }

    @Test
    void aTruncatedOrForeignPacketSaysNothing() {
        byte[] reply = FakeIcmpNet.ip(TARGET, IcmpPacket.echoReply(1, 2));
        assertEquals(Optional.empty(), IcmpPacket.parse(reply, 27), "cut inside the icmp header");
        byte[] request = FakeIcmpNet.ip(TARGET, IcmpPacket.echoRequest(1, 2));
        assertEquals(Optional.empty(), IcmpPacket.parse(request, request.length), "someone's echo request");
    }

    @Test
    void theReasonsAreWordedAsPingWordsThem() {
        assertEquals("Destination Net Unreachable", IcmpPacket.reason(IcmpPacket.UNREACHABLE, 0));
        assertEquals("Packet filtered", IcmpPacket.reason(IcmpPacket.UNREACHABLE, 13));
        assertEquals("Time to live exceeded", IcmpPacket.reason(IcmpPacket.TIME_EXCEEDED, 0));
    }
}
