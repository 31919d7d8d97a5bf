package mlb.monitor.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * One DNS query over UDP from the link's own address. The socket is connected, so the kernel drops datagrams
 * from anyone but the target; replies with another id or question (a late answer to an earlier probe) are
 * skipped and the wait goes on until the deadline.
 */
final class DnsProbe {
    private static final SecureRandom IDS = new SecureRandom();
    private static final int NOERROR = 0;
    private static final int NXDOMAIN = 3;

    private DnsProbe() {
    }

    static Outcome attempt(ProbeLink link, ProbeTarget.Dns target, Duration timeout) {
        return attempt(link, target, timeout, IDS.nextInt(0x10000));
    }

    static Outcome attempt(ProbeLink link, ProbeTarget.Dns target, Duration timeout, int id) {
        Deadline deadline = Deadline.after(timeout);
        long start = System.nanoTime();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(link.source(), 0));
             Deadline.Guard guard = deadline.guard(s)) {
            s.connect(new InetSocketAddress(target.address(), target.port()));
            byte[] query = DnsMessage.query(id, target.name(), target.type());
            s.send(new DatagramPacket(query, query.length));
            byte[] buf = new byte[1500];
            while (true) {
                s.setSoTimeout(deadline.millisLeft());
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                Optional<DnsMessage.Reply> reply = DnsMessage.parseReply(buf, p.getLength());
                if (reply.isEmpty() || !answers(reply.get(), id, target)) continue;
                int rcode = reply.get().rcode();
                if (rcode != NOERROR && rcode != NXDOMAIN) return new Outcome.Failed("dns rcode " + rcode);
                return new Outcome.Answered(Duration.ofNanos(System.nanoTime() - start));
            }
        } catch (IOException e) {
            return Failures.of(e, deadline, link.source());
        }
    }

    /** Our id, a response, and our question when the server repeated it. */
    static boolean answers(DnsMessage.Reply r, int id, ProbeTarget.Dns target) {
        if (r.id() != id || !r.response()) return false;
        return r.question().map(q -> q.type() == target.type().code
                && q.name().equalsIgnoreCase(DnsMessage.canonical(target.name()))).orElse(true);
    }
}
