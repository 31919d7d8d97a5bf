package mlb.monitor.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;

/**
 * Raw ICMP sockets bound to a device, and one wait for all of them: the side effect behind {@link Echoes}.
 * Real: {@link RawIcmp}; tests use a fake.
 */
interface IcmpNet extends AutoCloseable {
    /** A raw ICMP socket whose requests leave by device only and which hears only what arrives on it. */
    Socket open(String device) throws IOException;

    /**
     * Waits until a socket has something to read, {@link #wake} is called, or timeoutNanos passed (whichever is
     * first), and returns what the sockets held then, each with the time it was read. A socket that cannot be read ends
     * it as a {@link SocketError}, with what the others held.
     */
    List<Packet> await(Collection<Socket> sockets, long timeoutNanos) throws IOException;

    /** Ends a wait at once (or the next one, when none is under way). Safe from any thread. */
    void wake();

    @Override
    void close();

    interface Socket {
        String device();

        /** Sends an ICMP packet (no IP header) to target; an error names the system's reason. */
        void send(InetAddress target, byte[] packet) throws IOException;

        void close();
    }

    /** Reading one socket failed; read() is what the wait read from the others. */
    final class SocketError extends IOException {
        private final transient Socket socket;
        private final transient List<Packet> read;

        SocketError(Socket socket, String message) {
            this(socket, List.of(), message);
        }

        private SocketError(Socket socket, List<Packet> read, String message) {
            super(message);
            this.socket = socket;
            this.read = List.copyOf(read);
        }

        /** The same error, with what the wait read from the others. */
        SocketError with(List<Packet> read) {
            return new SocketError(socket, read, getMessage());
        }

        Socket socket() {
            return socket;
        }

        List<Packet> read() {
            return read;
        }
    }

    /** An IPv4 packet with its header, read from socket at `at` (System.nanoTime). */
    record Packet(Socket socket, byte[] data, int length, long at) {
    }
}
