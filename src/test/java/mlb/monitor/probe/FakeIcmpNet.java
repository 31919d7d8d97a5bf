package mlb.monitor.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An {@link IcmpNet} in memory: each device has a responder that turns a sent request into what comes back
 * (an echo reply, an error, or nothing), delivered after its delay. Devices can be missing (open fails) or
 * broken (sends fail). Records every open and send.
 */
final class FakeIcmpNet implements IcmpNet {
    /** What a device answers to one request: packets with their IP header, each after delayNanos. */
    record Answer(byte[] packet, long delayNanos) {
    }

    /** The router's address on every device. */
    static final InetAddress US = EchoesTest.address("198.18.0.2");
    private final Map<String, Function<Sent, List<Answer>>> responders = new HashMap<>();
    private final Set<String> failingSends = new HashSet<>();
    private final List<Queued> queue = new ArrayList<>();
    final List<String> opened = new CopyOnWriteArrayList<>();
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private boolean woken;

    record Sent(String device, InetAddress target, int id, int seq) {
    }

    private record Queued(FakeSocket socket, byte[] data, long due) {
    }

    /** device answers every request as respond says; a device without a responder cannot be opened. */
    synchronized FakeIcmpNet device(String device, Function<Sent, List<Answer>> respond) {
        responders.put(device, respond);
        return this;
    }

    synchronized FakeIcmpNet failSends(String device, boolean fail) {
        if (fail) failingSends.add(device);
        else failingSends.remove(device);
        return this;
    }

    /** The target's echo reply after delay, as the kernel hands it to a raw socket. */
    static List<Answer> reply(Sent s, long delayNanos) {
        return List.of(new Answer(ip(s.target(), IcmpPacket.echoReply(s.id(), s.seq())), delayNanos));
    }

    /** An ICMP error of type/code from router, quoting the request. */
    static List<Answer> error(Sent s, InetAddress router, int type, int code, long delayNanos) {
        byte[] request = IcmpPacket.echoRequest(s.id(), s.seq());
        byte[] quoted = ip(US, s.target(), request);
        ByteBuffer icmp = ByteBuffer.allocate(8 + 28).put((byte) type).put((byte) code).putShort((short) 0).putInt(0);
        icmp.put(quoted, 0, 28);
        return List.of(new Answer(ip(router, icmp.array()), delayNanos));
    }

    /** payload behind a 20-byte IPv4 header from `from` to the router (protocol icmp). */
    static byte[] ip(InetAddress from, byte[] payload) {
        return ip(from, US, payload);
    }

    static byte[] ip(InetAddress from, InetAddress to, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putInt(0).put((byte) 64).put((byte) 1).putShort((short) 0);
        return b.put(from.getAddress()).put(to.getAddress()).put(payload).array();
    }

    @Override
    public synchronized Socket open(String device) throws IOException {
        if (!responders.containsKey(device)) throw new IOException("cannot bind a raw icmp socket to " + device + ": [19] No such device");
        opened.add(device);
        return new FakeSocket(device);
    }

    @Override
    public synchronized List<Packet> await(Collection<Socket> sockets, long timeoutNanos) {
        long end = System.nanoTime() + timeoutNanos;
        while (true) {
            long now = System.nanoTime();
            List<Packet> due = new ArrayList<>();
            queue.removeIf(q -> {
                if (q.due - now > 0 || !sockets.contains(q.socket)) return false;
                due.add(new Packet(q.socket, q.data, q.data.length, now));
                return true;
            });
            if (!due.isEmpty() || woken || end - now <= 0) {
                woken = false;
                return due;
            }
            long next = queue.stream().mapToLong(Queued::due).min().orElse(end);
            try {
                long wait = Math.max(1, Math.min(end, next) - now);
                wait(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return due;
            }
        }
    }

    @Override
    public synchronized void wake() {
        woken = true;
        notifyAll();
    }

    @Override
    public void close() {
    }

    private final class FakeSocket implements Socket {
        final String device;
        boolean closed;

        FakeSocket(String device) {
            this.device = device;
        }

        @Override
        public String device() {
            return device;
        }

        @Override
        public void send(InetAddress target, byte[] packet) throws IOException {
            synchronized (FakeIcmpNet.this) {
                if (closed) throw new IOException("bad file descriptor");
                if (failingSends.contains(device)) throw new IOException("network is unreachable");
                Sent s = new Sent(device, target, ((packet[4] & 0xff) << 8) | (packet[5] & 0xff), ((packet[6] & 0xff) << 8) | (packet[7] & 0xff));
                sent.add(s);
                long now = System.nanoTime();
                for (Answer a : responders.get(device).apply(s)) queue.add(new Queued(this, a.packet(), now + a.delayNanos()));
                FakeIcmpNet.this.notifyAll();
            }
        }

        @Override
        public void close() {
            synchronized (FakeIcmpNet.this) {
                closed = true;
            }
        }
    }
}
