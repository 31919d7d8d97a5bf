package mlb.monitor.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * ICMP echo packets as the monitor sends and reads them on a raw socket: requests without an IP header (the
 * kernel adds it), and whatever comes back with its IP header, as a raw IPv4 socket delivers it. Pure.
 */
final class IcmpPacket {
    static final int ECHO_REPLY = 0;
    static final int UNREACHABLE = 3;
    static final int ECHO_REQUEST = 8;
    static final int TIME_EXCEEDED = 11;
    /** ping's default payload size: some paths treat bare 8-byte echoes differently from what people test with. */
    static final int PAYLOAD = 56;
    private static final int HEADER = 8;

    private IcmpPacket() {
    }

    /** What came back about one of our requests: its echo id and sequence number, and who said it. */
    sealed interface Heard {
        int id();

        int seq();

        /** The address the request was sent to. */
        InetAddress target();
    }

    /** The target answered. */
    record Reply(int id, int seq, InetAddress target) implements Heard {
    }

    /** A router (or the target) said the request could not be delivered; reason as ping words it. */
    record Error(int id, int seq, InetAddress target, String reason) implements Heard {
    }

    /** An echo request with ping's payload pattern, its checksum filled in. */
    static byte[] echoRequest(int id, int seq) {
        return echo(ECHO_REQUEST, id, seq);
    }

    /** An echo reply as a target would send it back (without an IP header); for tests and fakes. */
    static byte[] echoReply(int id, int seq) {
        return echo(ECHO_REPLY, id, seq);
    }

    private static byte[] echo(int type, int id, int seq) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + PAYLOAD);
        b.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq);
        for (int i = 0; i < PAYLOAD; i++) b.put((byte) i);
        byte[] p = b.array();
        int sum = checksum(p, 0, p.length);
        p[2] = (byte) (sum >> 8);
        p[3] = (byte) sum;
        return p;
    }

    /** The Internet checksum (RFC 1071) of len bytes from off: a packet carrying it sums to 0 again. */
    static int checksum(byte[] p, int off, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) sum += ((p[off + i] & 0xff) << 8) | (p[off + i + 1] & 0xff);
        if (len % 2 == 1) sum += (p[off + len - 1] & 0xff) << 8;
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (int) (~sum & 0xffff);
    }

    /**
     * What an IPv4 packet with its header says about an echo request: a reply, an error quoting the request, or
     * nothing we asked for (another type, someone else's packet, or too short to tell).
     */
    static Optional<Heard> parse(byte[] p, int len) {
        int ip = ipHeader(p, len, 0);
        if (ip < 0 || len < ip + HEADER) return Optional.empty();
        int type = p[ip] & 0xff;
        if (type == ECHO_REPLY) return Optional.of(new Reply(u16(p, ip + 4), u16(p, ip + 6), address(p, 12)));
        if (type != UNREACHABLE && type != TIME_EXCEEDED) return Optional.empty();
        int quoted = ip + HEADER;
        int inner = ipHeader(p, len, quoted);
        if (inner < 0 || len < inner + HEADER || (p[quoted + 9] & 0xff) != 1 || (p[inner] & 0xff) != ECHO_REQUEST) {
            return Optional.empty();
        }
        String reason = reason(type, p[ip + 1] & 0xff) + " from " + address(p, 12).getHostAddress();
        return Optional.of(new Error(u16(p, inner + 4), u16(p, inner + 6), address(p, quoted + 16), reason));
    }

    /** Where the ICMP part starts after an IPv4 header at off, or -1 when there is none. */
    private static int ipHeader(byte[] p, int len, int off) {
        if (len < off + 20 || (p[off] & 0xf0) != 0x40) return -1;
        int end = off + (p[off] & 0x0f) * 4;
        return end < off + 20 || end > len ? -1 : end;
    }

    /** ping's words for the errors a probe meets. */
    static String reason(int type, int code) {
        if (type == TIME_EXCEEDED) return code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded";
        return switch (code) {
            case 0 -> "Destination Net Unreachable";
            case 1 -> "Destination Host Unreachable";
            case 2 -> "Destination Protocol Unreachable";
            case 3 -> "Destination Port Unreachable";
            case 4 -> "Frag needed";
            case 9, 11 -> "Destination Net Prohibited";
            case 10, 12 -> "Destination Host Prohibited";
            case 13 -> "Packet filtered";
            default -> "Destination Unreachable, code " + code;
        };
    }

    private static int u16(byte[] p, int off) {
        return ((p[off] & 0xff) << 8) | (p[off + 1] & 0xff);
    }

    private static InetAddress address(byte[] p, int off) {
        try {
            return InetAddress.getByAddress(new byte[]{p[off], p[off + 1], p[off + 2], p[off + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }
}
