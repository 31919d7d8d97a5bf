package mlb.monitor.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The real probes: icmp as echo requests from raw sockets bound to the link's device ({@link Echoes}), which
 * settle by themselves; tcp, http(s) and dns from sockets bound to the link's source address, each blocking a
 * prober thread. Close it to close the sockets.
 */
public final class NetworkProbe implements Probe, AutoCloseable {
    /** A device's icmp socket that heard nothing for this long is opened again (see {@link Echoes}). */
    public static final Duration ICMP_SILENCE = Duration.ofSeconds(10);

    private final Supplier<IcmpNet> net;
    private final Duration silence;
    private Echoes echoes;
    private String unusable;
    private boolean closed;

    public NetworkProbe() {
        this(raw(), ICMP_SILENCE);
    }

    NetworkProbe(Supplier<IcmpNet> net, Duration silence) {
        this.net = net;
        this.silence = silence;
    }

    /** Why this process cannot open the raw socket icmp probes need (not root, no CAP_NET_RAW), if it cannot. */
    public static io.vavr.control.Option<String> icmpUnusable() {
        try (IcmpNet net = raw().get()) {
            net.open("lo").close();
            return io.vavr.control.Option.none();
        } catch (IOException | RuntimeException e) {
            return io.vavr.control.Option.some(Failures.shorten(String.valueOf(e.getMessage())));
        }
    }

    /** The system's raw sockets; what keeps them from being used is the message of the exception. */
    static Supplier<IcmpNet> raw() {
        return () -> {
            try {
                return new RawIcmp();
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }

    @Override
    public Outcome attempt(ProbeLink link, ProbeTarget target, Duration timeout) {
        return target.accept(new ProbeTarget.Cases<>() {
            @Override
            public Outcome icmp(ProbeTarget.Icmp t) {
                return echo(link, t, timeout).join();
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
    public Optional<CompletableFuture<Outcome>> begin(ProbeLink link, ProbeTarget target, Duration timeout) {
        return target instanceof ProbeTarget.Icmp t ? Optional.of(echo(link, t, timeout)) : Optional.empty();
    }

    private CompletableFuture<Outcome> echo(ProbeLink link, ProbeTarget.Icmp t, Duration timeout) {
        Echoes e = echoes();
        if (e == null) return CompletableFuture.completedFuture(new Outcome.Failed(unusable));
        return e.ask(link.device(), t.address(), timeout);
    }

    /** Opened at the first icmp probe; when the system's sockets cannot be used, every icmp probe says why. */
    private synchronized Echoes echoes() {
        if (closed) unusable = "the prober was closed";
        if (echoes != null || unusable != null) return closed ? null : echoes;
        try {
            echoes = new Echoes(net.get(), silence);
        } catch (RuntimeException e) {
            unusable = Failures.shorten(String.valueOf(e.getMessage()));
        }
        return echoes;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (echoes != null) echoes.close();
    }
}
