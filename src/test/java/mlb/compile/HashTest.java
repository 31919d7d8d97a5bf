package mlb.compile;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.Sysctl;
import mlb.spec.SpecParser;
import mlb.it.Netns;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kernel's multipath hash settings each `hash` compiles to. */
class HashTest {
    private static List<String> sysctls(String hash) {
        var parsed = SpecParser.parse("[balancer]\nhash = \"" + hash + "\"\n" + Netns.LINKS, "spec.toml");
        if (parsed.isInvalid()) throw new AssertionError(parsed.getError().mkString("\n"));
        NetState s = Compiler.compile(parsed.get(), TestFacts.fourLinks(true), Option.none()).get().desired();
        return List.ofAll(s.all(Sysctl.class)).filter(x -> x.name().contains("multipath")).map(x -> x.name() + "=" + x.value());
    }

    @Test
    void sourceHashesTheSourceAddressAloneWithTheCustomPolicy() {
        assertEquals(List.of("net.ipv4.fib_multipath_hash_fields=1", "net.ipv4.fib_multipath_hash_policy=3"),
                sysctls("source").sorted());
        assertEquals(List.of("net.ipv4.fib_multipath_hash_policy=1"), sysctls("l4"));
        assertEquals(List.of("net.ipv4.fib_multipath_hash_policy=0"), sysctls("l3"));
    }
}
