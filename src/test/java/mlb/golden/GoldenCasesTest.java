package mlb.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vavr.collection.List;
import io.vavr.control.Validation;
import mlb.engine.Reconciler;
import mlb.compile.Compiler;
import mlb.kernel.FixtureRunner;
import mlb.kernel.Kernel;
import mlb.kernel.ip.IpDevices;
import mlb.kernel.ip.IpDriver;
import mlb.kernel.sysctl.SysctlDriver;
import mlb.plan.Plan;
import mlb.plan.PlanText;
import mlb.proc.Runner;
import mlb.proc.Target;
import mlb.spec.Diagnostic;
import mlb.spec.Spec;
import mlb.spec.SpecParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks src/test/resources/cases/NAME/{spec.toml,current.json,plan.txt}: current.json holds what the real
 * kernel printed for each command mlb runs (made by cases/capture.sh from NAME/setup.ip), served to the real
 * drivers; the spec is parsed by SpecParser, compiled with the facts that kernel reports, planned, and the
 * human plan compared with plan.txt. Errors (an invalid spec, a spec that does not fit, a conflict) are
 * written as `error: ...` lines. Run with -Dgolden.update=true to rewrite plan.txt, then read the diff.
 */
class GoldenCasesTest {
    private static final Path CASES = Path.of("src/test/resources/cases");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> everyCase() throws IOException {
        java.util.List<Path> dirs;
        try (Stream<Path> s = Files.list(CASES)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(dirs.isEmpty(), "no golden cases under " + CASES.toAbsolutePath());
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws IOException {
        FixtureRunner runner = runner(dir.resolve("current.json"));
        String release = new ObjectMapper().readTree(Files.readString(dir.resolve("current.json"))).path(RELEASE).path("stdout").asText();
        String actual = render(Files.readString(dir.resolve("spec.toml")), runner, release.strip());
        assertTrue(runner.missing().isEmpty(), () -> "mlb ran commands current.json has no answer for (add them to "
                + "cases/capture.sh and capture again): " + runner.missing());
        Path expected = dir.resolve("plan.txt");
        if (UPDATE) {
            Files.writeString(expected, actual);
            return;
        }
        assertTrue(Files.exists(expected), () -> expected + " is missing; run with -Dgolden.update=true. It would say:\n" + actual);
        assertEquals(Files.readString(expected), actual, () -> "plan for case " + dir.getFileName());
    }

    /** What the kernel release was where the case was captured (the drivers read it from /proc, not through a runner). */
    static final String RELEASE = "cat /proc/sys/kernel/osrelease";

    /** What `mlb plan` would print for this spec against this kernel (without the CLI around it). */
    static String render(String specText, Runner runner, String kernelRelease) {
        Validation<List<Diagnostic>, Spec> parsed = SpecParser.parse(specText, "spec.toml");
        if (parsed.isInvalid()) return errors(parsed.getError().map(Diagnostic::toString));
        Spec spec = parsed.get();
        Target host = Target.host();
        Reconciler reconciler = new Reconciler(new Kernel(List.of(new SysctlDriver(runner, host), new IpDriver(runner, host)),
                new IpDevices(runner, host, () -> kernelRelease)));
        Validation<List<mlb.spec.Diagnostic>, Compiler.Compiled> compiled = reconciler.compile(spec);
        if (compiled.isInvalid()) return errors(compiled.getError().map(mlb.spec.Diagnostic::toString));
        Validation<List<mlb.spec.Diagnostic>, Plan> plan = reconciler.plan(compiled.get().desired(), compiled.get().scope(),
                compiled.get().notes());
        if (plan.isInvalid()) return errors(plan.getError().map(mlb.spec.Diagnostic::toString));
        return PlanText.render(plan.get());
    }

    private static String errors(List<String> errors) {
        return errors.map(e -> "error: " + e + "\n").mkString();
    }

    static FixtureRunner runner(Path currentJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(currentJson));
        FixtureRunner r = new FixtureRunner();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            r.answer(e.getKey(), new Runner.Result(v.path("exit").asInt(), v.path("stdout").asText(), v.path("stderr").asText()));
        }
        return r;
    }
}
