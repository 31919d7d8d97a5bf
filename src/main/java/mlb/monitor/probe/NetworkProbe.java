package mlb.monitor.probe;

import java.time.Duration;

/**
 * The real probes: icmp through persistent pings bound to the link's device and held between rounds
 * ({@link PingStreams}); tcp, http(s) and dns from sockets bound to the link's source address. Close it to stop
 * the pings and the shell that holds them.
 */
public final class NetworkProbe implements Probe, AutoCloseable {
    /** A ping that has had no reply for this long is started again (see {@link PingStream}). */
    public static final Duration PING_SILENCE = Duration.ofSeconds(10);

    private final PingStreams pings;

    public NetworkProbe() {
        this(PingProcess.system(), PING_SILENCE);
    }

    NetworkProbe(PingProcess.Spawner spawner, Duration pingSilence) {
        this.pings = new PingStreams(spawner, pingSilence);
    }

    @Override
    public Outcome attempt(ProbeLink link, ProbeTarget target, Duration timeout, Duration interval) {
        return target.accept(new ProbeTarget.Cases<>() {
            @Override
            public Outcome icmp(ProbeTarget.Icmp t) {
                return pings.attempt(link, t, timeout, interval);
            }

            @Override
            public Outcome tcp(ProbeTarget.Tcp t) {
                return TcpProbe.attempt(link, t, timeout);
            }

            @Override
            public Outcome http(ProbeTarget.Http t) {
                return HttpProbe.attempt(link, t, timeout);
            }

            @Override
            public Outcome dns(ProbeTarget.Dns t) {
                return DnsProbe.attempt(link, t, timeout);
            }
        });
    }

    @Override
    public void close() {
        pings.close();
    }
}
