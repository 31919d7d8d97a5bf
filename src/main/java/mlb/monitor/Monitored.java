package mlb.monitor;

import io.vavr.Tuple;
import io.vavr.collection.SortedMap;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import mlb.kernel.Devices;
import mlb.monitor.health.Fleet;
import mlb.monitor.health.HealthPolicy;
import mlb.monitor.health.LinkHealth;
import mlb.spec.Link;
import mlb.spec.Spec;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The spec the monitor runs and its links: those with a [link.check] are probed (from their own address, when
 * the device has one yet), the others count as up.
 */
record Monitored(Spec spec, Path file, SortedMap<String, Probed> probed, SortedSet<String> unprobed,
                 SortedMap<String, Option<InetAddress>> sources) {

    static Monitored of(Spec spec, Path file, Devices devices) {
        SortedMap<String, Option<InetAddress>> sources = TreeMap.ofEntries(spec.links().map(l ->
                Tuple.of(l.name(), Probed.source(l.source().orElse(() -> devices.ipv4Address(l.dev()))))));
        SortedMap<String, Probed> probed = TreeMap.ofEntries(spec.links().filter(l -> l.check().probes())
                .map(l -> Tuple.of(l.name(), Probed.of(l))));
        SortedSet<String> unprobed = TreeSet.ofAll(spec.links().filter(l -> !l.check().probes()).map(Link::name));
        return new Monitored(spec, file, probed, unprobed, sources);
    }

    SortedSet<String> names() {
        return probed.keySet().union(unprobed);
    }

    /**
     * How far apart the verdicts of links that died at one instant can arrive: each comes within its own link's
     * detection time of that instant, so never further apart than the longest of them (see {@link Cascade}).
     */
    java.time.Duration cascadeWindow() {
        return probed.values().map(Probed::detection).maxBy(d -> d).getOrElse(java.time.Duration.ZERO);
    }

    Option<Link> link(String name) {
        return spec.links().find(l -> l.name().equals(name));
    }

    Fleet fleet(Instant at) {
        return Fleet.start(probed.mapValues(Probed::policy), unprobed, at);
    }

    /** A fleet for this spec that keeps what it knew of links whose check is as it was. */
    Fleet fleet(Instant at, Fleet known, Monitored before) {
        SortedMap<String, LinkHealth> links = probed.map((name, p) -> Tuple.of(name, before.probed().get(name)
                .filter(old -> old.policy().equals(p.policy()) && old.interval().equals(p.interval()))
                .flatMap(old -> known.health(name)).getOrElse(() -> LinkHealth.start(p.policy(), at))));
        return new Fleet(links, unprobed);
    }
}
