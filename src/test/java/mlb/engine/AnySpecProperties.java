package mlb.engine;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.kernel.FakeKernel;
import mlb.proc.Target;
import mlb.spec.Spec;
import mlb.spec.SpecParser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any spec validate accepts either plans and applies on a host with its devices, or is refused with a located
 * reason (65): never an internal error, never a write the kernel refuses. The specs aim at what only the host
 * can judge: gateways that are the device's own, network or broadcast address, off its network or on another
 * device's; sources shared with another link's device; a device without an address (wan4) or none at all (wan9).
 */
class AnySpecProperties {
    private static final String[] GATEWAYS = {"198.18.1.1", "198.18.1.2", "198.18.1.255", "198.18.1.0", "198.18.2.1",
            "198.18.9.1", "198.18.3.1", "198.18.1.7"};

    @Provide
    Arbitrary<String> specs() {
        Arbitrary<String> link = Combinators.combine(Arbitraries.of("wan1", "wan2", "wan3", "wan4", "wan9"),
                Arbitraries.of(GATEWAYS), Arbitraries.of("", "source = \"198.18.2.2\"\n", "source = \"198.18.1.2\"\n",
                        "source = \"198.18.7.7\"\n"),
                Arbitraries.of("", "onlink = true\n"), Arbitraries.of("", "table = 101\n", "table = 102\n"),
                Arbitraries.of("", "[[link.route]]\nto = \"198.51.100.0/24\"\n", "[[link.route]]\nto = \"192.0.2.7\"\n"))
                .as((dev, gw, source, onlink, table, route) -> "dev = \"" + dev + "\"\ngateway = \"" + gw + "\"\n"
                        + source + onlink + table + route);
        Arbitrary<String> balancer = Arbitraries.of("", "[balancer]\nlast_resort = \"unreachable\"\n",
                "[balancer]\nhash = \"l3\"\npriority_base = 20000\ntable_base = 300\n", "[balancer]\nprotocol = 251\n");
        return Combinators.combine(balancer, link.list().ofMinSize(1).ofMaxSize(4)).as((b, links) -> {
            StringBuilder s = new StringBuilder(b);
            for (int i = 0; i < links.size(); i++) {
                String[] parts = links.get(i).split("\\[\\[link.route]]", 2);
                s.append("[[link]]\nname = \"isp").append(i + 1).append("\"\n").append(parts[0]);
                if (parts.length == 2) s.append("[[link.route]]").append(parts[1]);
            }
            return s.toString();
        });
    }

    @Property(tries = 300)
    void aValidSpecPlansAndAppliesOrIsRefusedWith65(@ForAll("specs") String text) throws IOException {
        var parsed = SpecParser.parse(text, "any.toml");
        if (parsed.isInvalid()) {
            Statistics.collect("invalid spec");
            return;
        }
        Spec spec = parsed.get();
        Path tmp = Files.createTempDirectory("mlb-any");
        try {
            Path file = Files.writeString(tmp.resolve("any.toml"), text);
            FakeKernel kernel = FakeKernel.standard();
            Workspace ws = new Workspace(tmp.resolve("state"), t -> kernel.kernel(), new FakeWatchers(), Clock.systemUTC(),
                    "tester", "router");
            Engine engine = new Engine(ws, Target.netns("lab"), new Listener.Quiet());
            Either<Refusal, PlanResult> plan = engine.plan(spec, file, Option.none());
            if (plan.isLeft()) {
                Statistics.collect("refused at plan");
                assertEquals(Refusal.Reason.INVALID_SPEC, plan.getLeft().reason(), () -> plan.getLeft() + "\n" + text);
                assertTrue(plan.getLeft().context().forAll(c -> c.startsWith("link isp") || c.startsWith("links isp")),
                        () -> plan.getLeft() + "\n" + text);
                assertTrue(kernel.executed().isEmpty());
                return;
            }
            Statistics.collect("applied");
            ApplyResult applied = engine.apply(spec, file, Option.none(), Approval.ALWAYS).get();
            assertEquals(ApplyResult.Outcome.APPLIED, applied.outcome(), () -> applied.failure() + "\n" + text);
        } finally {
            try (Stream<Path> all = Files.walk(tmp)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
