package mlb.monitor.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The icmp probe: one raw socket per device ({@link IcmpNet}), one echo request per probe sent at once from the
 * caller's thread, and one thread that reads every socket and settles each request by its reply, an ICMP error
 * quoting it, or its deadline. No process and no thread per probe: per round the thread wakes for the replies
 * and for deadlines that pass unanswered.
 * <p>
 * A request is matched by its socket's echo id, its sequence number and the address it went to, so that a reply
 * to another target, to another link's socket or to someone else's ping never answers for it. A socket that
 * cannot send, or that heard nothing for `silence` while asked, is opened again: it is bound to its device's
 * index, and a device deleted and made again under the same name (a PPP redial) gets a new one.
 */
final class Echoes implements AutoCloseable {
    /** Sockets not asked for this long (a link no longer probed) are closed. */
    private static final long IDLE = TimeUnit.SECONDS.toNanos(30);
    /** The longest wait of the reading thread when nothing is due, for the idle sockets' sake. */
    private static final long NAP = TimeUnit.SECONDS.toNanos(10);

    private final IcmpNet net;
    private final long silence;
    private final Map<String, Line> lines = new HashMap<>();
    private final Map<Key, Pending> pending = new HashMap<>();
    private long waitingUntil = Long.MAX_VALUE;
    private Thread reader;
    private boolean closed;

    private record Key(String device, int seq) {
    }

    private record Pending(InetAddress target, long sent, long deadline, CompletableFuture<Outcome> outcome) {
    }

    /** One device's socket, its echo id, and the times that decide when it is opened again or closed. */
    private static final class Line {
        final IcmpNet.Socket socket;
        final int id = ThreadLocalRandom.current().nextInt(1 << 16);
        final long opened;
        /** From anywhere: a socket opened again does not reuse the numbers its predecessor's requests still wait on. */
        int seq = ThreadLocalRandom.current().nextInt(1 << 16);
        long lastHeard;
        long lastAsked;

        Line(IcmpNet.Socket socket, long now) {
            this.socket = socket;
            this.opened = now;
            this.lastHeard = now;
        }
    }

    Echoes(IcmpNet net, Duration silence) {
        this.net = net;
        this.silence = silence.toNanos();
    }

    /** Sends one echo request to target through device now; the future settles by now + timeout. */
    synchronized CompletableFuture<Outcome> ask(String device, InetAddress target, Duration timeout) {
        if (closed) return CompletableFuture.completedFuture(new Outcome.Failed("the prober was closed"));
        long now = System.nanoTime();
        Line line;
        try {
            line = line(device, now);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(new Outcome.Failed(Failures.shorten(e.getMessage())));
        }
        line.lastAsked = now;
        int seq = line.seq = (line.seq + 1) & 0xffff;
        try {
            line.socket.send(target, IcmpPacket.echoRequest(line.id, seq));
        } catch (IOException e) {
            drop(device);
            return CompletableFuture.completedFuture(new Outcome.Failed("cannot send: " + Failures.shorten(e.getMessage())));
        }
        Pending p = new Pending(target, now, now + timeout.toNanos(), new CompletableFuture<>());
        Pending older = pending.put(new Key(device, seq), p);
        if (older != null) older.outcome.complete(Outcome.timeout()); // 65 536 requests ago: long lost
        if (reader == null) start();
        else if (p.deadline - waitingUntil < 0) net.wake();
        return p.outcome;
    }

    private Line line(String device, long now) throws IOException {
        Line line = lines.get(device);
        if (line != null && now - line.lastHeard > silence && now - line.opened > silence) drop(device);
        line = lines.get(device);
        if (line != null) return line;
        line = new Line(net.open(device), now);
        lines.put(device, line);
        if (reader != null) net.wake();
        return line;
    }

    private void drop(String device) {
        Line gone = lines.remove(device);
        if (gone != null) gone.socket.close();
    }

    private void start() {
        reader = new Thread(this::read, "mlb-icmp");
        reader.setDaemon(true);
        reader.start();
    }

    /** Whatever ends the reader (an Error too) fails what waits, and the next request starts a new one. */
    private void read() {
        try {
            readUntilClosed();
        } finally {
            synchronized (this) {
                reader = null;
            }
            fail(null, "the icmp reader ended");
        }
    }

    private void readUntilClosed() {
        while (true) {
            List<IcmpNet.Socket> sockets;
            List<CompletableFuture<Outcome>> due;
            long wait;
            synchronized (this) {
                if (closed) return;
                long now = System.nanoTime();
                due = expired(now);
                closeIdle(now);
                waitingUntil = pending.values().stream().mapToLong(Pending::deadline).min().orElse(now + NAP);
                wait = waitingUntil - now;
                sockets = lines.values().stream().map(l -> l.socket).toList();
            }
            settle(due, Outcome.timeout());
            try {
                for (IcmpNet.Packet packet : net.await(sockets, wait)) heard(packet);
            } catch (IcmpNet.SocketError e) {
                e.read().forEach(this::heard);
                fail(e.socket().device(), Failures.text(e));
            } catch (IOException | RuntimeException e) {
                fail(null, "icmp reader: " + Failures.text(e));
                pause();
            }
        }
    }

    /** After a failed wait, so that a wait that keeps failing does not spin. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<CompletableFuture<Outcome>> expired(long now) {
        List<CompletableFuture<Outcome>> due = new ArrayList<>();
        pending.values().removeIf(p -> {
            if (now - p.deadline < 0) return false;
            due.add(p.outcome);
            return true;
        });
        return due;
    }

    private void closeIdle(long now) {
        new ArrayList<>(lines.entrySet()).forEach(e -> {
            if (now - e.getValue().lastAsked > IDLE) drop(e.getKey());
        });
    }

    private void heard(IcmpNet.Packet packet) {
        Optional<IcmpPacket.Heard> heard = IcmpPacket.parse(packet.data(), packet.length());
        if (heard.isEmpty()) return;
        Pending p;
        synchronized (this) {
            Line line = lines.get(packet.socket().device());
            if (line == null || line.socket != packet.socket() || heard.get().id() != line.id) return;
            Key key = new Key(line.socket.device(), heard.get().seq());
            p = pending.get(key);
            if (p == null || !p.target.equals(heard.get().target())) return;
            pending.remove(key);
            line.lastHeard = packet.at();
        }
        p.outcome.complete(outcome(heard.get(), packet.at() - p.sent, p.deadline - p.sent));
    }

    private static Outcome outcome(IcmpPacket.Heard heard, long rtt, long timeout) {
        if (heard instanceof IcmpPacket.Error e) return new Outcome.Failed(Failures.shorten(e.reason()));
        return rtt <= timeout ? new Outcome.Answered(Duration.ofNanos(Math.max(0, rtt))) : Outcome.timeout();
    }

    /** Fails what waits on device (null: every device) and closes its socket, to be opened again when asked. */
    private void fail(String device, String reason) {
        List<CompletableFuture<Outcome>> failed = new ArrayList<>();
        synchronized (this) {
            pending.entrySet().removeIf(e -> {
                if (device != null && !e.getKey().device().equals(device)) return false;
                failed.add(e.getValue().outcome());
                return true;
            });
            new ArrayList<>(lines.keySet()).stream().filter(d -> device == null || d.equals(device)).forEach(this::drop);
        }
        settle(failed, new Outcome.Failed(reason));
    }

    private static void settle(List<CompletableFuture<Outcome>> outcomes, Outcome outcome) {
        outcomes.forEach(o -> o.complete(outcome));
    }

    /** How many devices have a socket open (for tests). */
    synchronized int sockets() {
        return lines.size();
    }

    @Override
    public void close() {
        Thread r;
        synchronized (this) {
            closed = true;
            r = reader;
        }
        fail(null, "the prober was closed");
        net.wake();
        if (r != null) {
            try {
                r.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        net.close();
    }
}
