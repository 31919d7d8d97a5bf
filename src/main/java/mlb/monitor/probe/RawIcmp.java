package mlb.monitor.probe;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link IcmpNet}: libc's socket, setsockopt, sendto, recv and poll through JNA, and an eventfd to end a
 * wait. Java has no raw sockets, and a `ping` process per link and target cost the monitor more than its whole
 * budget of CPU (docs/performance.md). Needs CAP_NET_RAW, as ping does. The constants are those of Linux on x86,
 * arm, riscv, ppc and s390x; mips, sparc, alpha and parisc number some of them differently.
 */
final class RawIcmp implements IcmpNet {
    private static final int AF_INET = 2;
    private static final int SOCK_RAW = 3;
    private static final int IPPROTO_ICMP = 1;
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final int SOL_RAW = 255;
    private static final int ICMP_FILTER = 1;
    private static final int MSG_DONTWAIT = 0x40;
    private static final short POLLIN = 1;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    /** Kernel-side filter: only echo replies and the two errors that can quote a request reach the socket. */
    private static final int HEARD = ~((1 << IcmpPacket.ECHO_REPLY) | (1 << IcmpPacket.UNREACHABLE) | (1 << IcmpPacket.TIME_EXCEEDED));

    /** libc, mapped directly (no proxy, no exception per call): a negative result means errno says why. */
    private static final class Libc {
        static {
            Native.register("c");
        }

        static native int socket(int domain, int type, int protocol);

        static native int setsockopt(int fd, int level, int name, byte[] value, int length);

        static native NativeLong sendto(int fd, byte[] buf, NativeLong length, int flags, byte[] address, int addressLength);

        static native NativeLong recv(int fd, byte[] buf, NativeLong length, int flags);

        static native int poll(byte[] fds, NativeLong count, int timeoutMillis);

        static native int eventfd(int initial, int flags);

        static native NativeLong read(int fd, byte[] buf, NativeLong length);

        static native NativeLong write(int fd, byte[] buf, NativeLong length);

        static native int close(int fd);

        static native String strerror(int errno);
    }

    private final int wakeFd;

    RawIcmp() throws IOException {
        try {
            wakeFd = Libc.eventfd(0, 0);
        } catch (LinkageError e) {
            throw new IOException("cannot use the system's sockets: " + e, e);
        }
        if (wakeFd < 0) throw new IOException("eventfd: " + error());
    }

    /** errno of the last call on this thread, as "[19] No such device". */
    private static String error() {
        int errno = Native.getLastError();
        return "[" + errno + "] " + Libc.strerror(errno);
    }

    @Override
    public Socket open(String device) throws IOException {
        int fd = Libc.socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
        if (fd < 0) throw new IOException("cannot open a raw icmp socket: " + error());
        byte[] name = (device + "\0").getBytes(StandardCharsets.US_ASCII);
        if (Libc.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, name.length) < 0
                || Libc.setsockopt(fd, SOL_RAW, ICMP_FILTER, native32(HEARD), 4) < 0) {
            String why = error();
            Libc.close(fd);
            throw new IOException("cannot bind a raw icmp socket to " + device + ": " + why);
        }
        return new Raw(fd, device);
    }

    @Override
    public List<Packet> await(Collection<Socket> sockets, long timeoutNanos) throws IOException {
        List<Raw> raws = sockets.stream().map(Raw.class::cast).toList();
        ByteBuffer fds = ByteBuffer.allocate(8 * (raws.size() + 1)).order(ByteOrder.nativeOrder());
        fds.putInt(wakeFd).putShort(POLLIN).putShort((short) 0);
        for (Raw r : raws) fds.putInt(r.fd).putShort(POLLIN).putShort((short) 0);
        int millis = (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
        int ready = Libc.poll(fds.array(), new NativeLong(raws.size() + 1), Math.max(0, millis));
        if (ready < 0 && Native.getLastError() != EINTR) throw new IOException("poll: " + error());
        if (ready <= 0) return List.of();
        long at = System.nanoTime();
        if (ready(fds, 0)) Libc.read(wakeFd, new byte[8], new NativeLong(8));
        List<Packet> read = new ArrayList<>();
        SocketError failed = null;
        for (int i = 0; i < raws.size(); i++) {
            String error = ready(fds, i + 1) ? drain(raws.get(i), at, read) : null;
            if (error != null && failed == null) failed = new SocketError(raws.get(i), "reading the icmp socket of " + raws.get(i).device + ": " + error);
        }
        if (failed != null) throw failed.with(read);
        return read;
    }

    private static boolean ready(ByteBuffer fds, int i) {
        return fds.getShort(8 * i + 6) != 0;
    }

    /** Reads what socket holds into `into`; the error that stopped it, if not running out of packets. */
    private static String drain(Raw socket, long at, List<Packet> into) {
        while (true) {
            byte[] buf = new byte[1500];
            int n = Libc.recv(socket.fd, buf, new NativeLong(buf.length), MSG_DONTWAIT).intValue();
            if (n > 0) into.add(new Packet(socket, buf, n, at));
            else if (n == 0) return null;
            else return Native.getLastError() == EAGAIN || Native.getLastError() == EINTR ? null : error();
        }
    }

    @Override
    public void wake() {
        // A failure means the counter is full: a wake is pending anyway.
        Libc.write(wakeFd, native64(1), new NativeLong(8));
    }

    @Override
    public void close() {
        Libc.close(wakeFd);
    }

    private static byte[] native32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    private static byte[] native64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array();
    }

    /** struct sockaddr_in: the family in the machine's order, port and address in the network's. */
    private static byte[] sockaddr(InetAddress target) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.order(ByteOrder.nativeOrder()).putShort((short) AF_INET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) 0).put(target.getAddress());
        return b.array();
    }

    private final class Raw implements Socket {
        final int fd;
        final String device;

        Raw(int fd, String device) {
            this.fd = fd;
            this.device = device;
        }

        @Override
        public String device() {
            return device;
        }

        @Override
        public void send(InetAddress target, byte[] packet) throws IOException {
            if (!(target instanceof java.net.Inet4Address)) throw new IOException("not an IPv4 address: " + target.getHostAddress());
            if (Libc.sendto(fd, packet, new NativeLong(packet.length), 0, sockaddr(target), 16).longValue() < 0) {
                throw new IOException(Libc.strerror(Native.getLastError()).toLowerCase(java.util.Locale.ROOT));
            }
        }

        @Override
        public void close() {
            Libc.close(fd);
        }
    }
}
