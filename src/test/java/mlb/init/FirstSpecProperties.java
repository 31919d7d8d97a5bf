package mlb.init;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.Device;
import mlb.spec.LinkWords;
import mlb.spec.SpecParser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever the host has, `mlb init` prints a spec that validates, with every uplink a spec can name in it. */
class FirstSpecProperties {
    /** What the kernel allows in an interface name: 1-15 bytes, no '/', ':' or white space (here: ASCII and a few more). */
    private static Arbitrary<String> interfaceNames() {
        Arbitrary<String> tame = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(15);
        Arbitrary<String> wild = Arbitraries.strings().withCharRange('!', '~').withChars("éß\u00a0")
                .excludeChars('/', ':').ofMinLength(1).ofMaxLength(15);
        return Arbitraries.oneOf(tame, wild, Arbitraries.of("eth0.2", "wan1", "wan2", "isp2", "ppp0", "WAN", "_x", "-x"));
    }

    private static Arbitrary<Option<String>> addresses() {
        return Arbitraries.oneOf(Arbitraries.integers().map(FirstSpecProperties::dotted).map(Option::some),
                Arbitraries.of("127.0.0.1", "169.254.1.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.1.1")
                        .map(Option::some), Arbitraries.just(Option.none()));
    }

    private static String dotted(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }

    @Provide
    Arbitrary<java.util.List<Uplink>> uplinks() {
        Arbitrary<Uplink> uplink = Combinators.combine(interfaceNames(), addresses(), addresses(),
                Arbitraries.of("default", "10.77.0.0/16"), Arbitraries.of(true, false),
                Arbitraries.integers().between(-1, 400_000), Arbitraries.of(true, false)).as(
                (dev, gateway, peer, dst, up, speed, tableMain) -> new Uplink(dev,
                        new GatewayRoute(dev, dst, gateway, tableMain ? "main" : "101", Math.max(0, speed)),
                        peer.map(p -> List.of(new Device.Address("198.18.0.2", 32, Option.some(p)))).getOrElse(List.empty()),
                        up, !up || speed % 2 == 0, speed > 0 ? Option.some(speed) : Option.none()));
        return uplink.list().ofMinSize(0).ofMaxSize(8).uniqueElements(Uplink::dev);
    }

    @Property(tries = 500)
    void everyDraftValidatesWithEveryNameableUplinkInIt(@ForAll("uplinks") java.util.List<Uplink> found) {
        List<Uplink> uplinks = List.ofAll(found);
        Draft d = FirstSpec.write(uplinks, HashSet.ofAll(uplinks.map(Uplink::dev)).add("wan3"), "the host");
        var parsed = SpecParser.parse(d.text(), "init.toml");
        assertTrue(parsed.isValid(), () -> parsed.getError().mkString("\n") + "\n" + d.text());
        List<String> nameable = uplinks.map(Uplink::dev).filter(LinkWords::isDev);
        assertEquals(nameable, parsed.get().links().map(l -> l.dev()).take(nameable.size()));
        assertEquals(Math.max(2, nameable.size()), parsed.get().links().size());
        assertEquals(nameable.size() < 2, d.warnings().exists(w -> w.contains("balancing needs two")));
    }
}
