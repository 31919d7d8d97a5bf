package mlb.monitor;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.monitor.health.HealthPolicy;
import mlb.monitor.health.TargetResult;
import mlb.monitor.probe.Outcome;
import mlb.monitor.probe.ProbeLink;
import mlb.monitor.probe.ProbeTarget;
import mlb.monitor.probe.Round;
import mlb.spec.Check;
import mlb.spec.Link;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * One probed link as the monitor runs it: where its probes leave from (its device and own address, which mlb's
 * `from`/`oif` rules send through that link only), what they ask, how often, and the hysteresis that judges them.
 */
record Probed(Link link, java.util.List<ProbeTarget> targets, HealthPolicy policy, Duration interval, Duration timeout) {

    static Probed of(Link link) {
        Check c = link.check();
        java.util.List<ProbeTarget> targets = c.targets().map(t -> target(c.method(), address(t))).asJava();
        HealthPolicy policy = new HealthPolicy(c.targets(), c.reliability(), c.down(), c.up(),
                c.quality().map(Check.Quality::window).getOrElse(HealthPolicy.WINDOW),
                c.quality().flatMap(Check.Quality::maxLossPercent), c.quality().flatMap(Check.Quality::maxRtt));
        return new Probed(link, targets, policy, c.interval(), c.timeout());
    }

    /** The longest a dead link can take to be judged down: `down` lost rounds and the last one's timeout. */
    Duration detection() {
        return interval.multipliedBy(policy.down()).plus(timeout);
    }

    /** Where this link's probes leave from: its device and its own address. */
    ProbeLink from(InetAddress source) {
        return new ProbeLink(link.name(), link.dev(), source);
    }

    /** A probe round as the health state machine reads it: each spec target answered (with its rtt) or failed. */
    mlb.monitor.health.Round judged(Round round) {
        List<TargetResult> results = List.range(0, targets.size()).map(i -> {
            String name = policy.targets().get(i);
            Outcome o = round.results().get(i).outcome();
            if (o instanceof Outcome.Answered a) return new TargetResult.Answered(name, a.rtt());
            return new TargetResult.Failed(name, o instanceof Outcome.Failed f ? f.reason() : "no answer");
        });
        return new mlb.monitor.health.Round(round.started(), results);
    }

    /** A round that never left: the link has no address to send from (a PPP line before it connects). */
    mlb.monitor.health.Round failed(java.time.Instant at, String why) {
        return new mlb.monitor.health.Round(at, policy.targets().map(t -> (TargetResult) new TargetResult.Failed(t, why)));
    }

    private static ProbeTarget target(Check.Method m, InetAddress a) {
        if (m instanceof Check.Method.Tcp t) return new ProbeTarget.Tcp(a, t.port());
        if (m instanceof Check.Method.Http h && h.tls()) {
            return ProbeTarget.Http.https(a, h.port(), h.path(), Optional.ofNullable(h.host().getOrNull())).withExpect(h.expect());
        }
        if (m instanceof Check.Method.Http h) {
            return new ProbeTarget.Http(a, h.port(), h.path(), h.host().getOrElse(a.getHostAddress()), h.expect(), ProbeTarget.Tls.NONE);
        }
        if (m instanceof Check.Method.Dns d) {
            return new ProbeTarget.Dns(a, d.port(), d.name(), ProbeTarget.RecordType.valueOf(d.record().name()));
        }
        return new ProbeTarget.Icmp(a);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + literal, e);
        }
    }

    static Option<InetAddress> source(Option<String> literal) {
        return literal.map(Probed::address);
    }
}
