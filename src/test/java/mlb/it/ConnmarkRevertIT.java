package mlb.it;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.engine.Approval;
import mlb.engine.Engine;
import mlb.engine.FakeWatchers;
import mlb.engine.Listener;
import mlb.engine.Workspace;
import mlb.kernel.Kernel;
import mlb.kernel.ip.IpDevices;
import mlb.kernel.ip.IpDriver;
import mlb.kernel.nft.NftDriver;
import mlb.kernel.sysctl.SysctlDriver;
import mlb.proc.Runner;
import mlb.proc.SystemRunner;
import mlb.proc.Target;
import mlb.spec.SpecParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connmark apply whose nft transaction fails after the sysctls, routes and nexthops were written: mlb reverts
 * what it wrote, so ip and nftables are exactly as before (a weight change on an applied spec, and a first apply).
 * The failure is injected by a runner that refuses `nft -f`; everything else runs on the namespace's real kernel.
 */
class ConnmarkRevertIT extends NetnsTest {
    private static final String SPEC = """
            [balancer]
            mode = "connmark"
            lan = ["10.77.0.0/24"]
            helpers = ["ftp"]
            [[link]]
            name = "isp1"
            dev = "wan1"
            gateway = "198.18.1.1"
            weight = 1
            [[link]]
            name = "isp2"
            dev = "wan2"
            gateway = "198.18.2.1"
            weight = 2
            """;

    /** The real tools, except that `nft -f` (a write) fails once armed, as a kernel refusal would. */
    private static final class FailingNft implements Runner {
        private final Runner real = new SystemRunner();
        volatile boolean armed;

        public Result run(java.util.List<String> argv, String stdin) {
            if (armed && argv.contains("nft") && argv.contains("-f")) return new Result(1, "", "Error: injected refusal");
            return real.run(argv, stdin);
        }
    }

    private ApplyResult apply(String text, FailingNft runner) throws IOException {
        Path file = Files.writeString(tmp.resolve("spec.toml"), text);
        Target target = Target.netns(ns.name);
        Kernel kernel = new Kernel(List.of(new SysctlDriver(runner, target), new IpDriver(runner, target), new NftDriver(runner, target)),
                new IpDevices(runner, target));
        Workspace ws = new Workspace(tmp.resolve("state"), t -> kernel, new FakeWatchers(), Clock.systemUTC(), "tester", "host");
        return new Engine(ws, target, new Listener.Quiet()).apply(SpecParser.parse(file).get(), file, Option.none(), Approval.ALWAYS).get();
    }

    private String everything() {
        return ns.dump() + ns.exec("nft", "list", "ruleset") + ns.sysctl("net.ipv4.conf.wan1.rp_filter");
    }

    @Test
    void aFirstApplyWhoseNftPartFailsLeavesNothing() throws IOException {
        FailingNft runner = new FailingNft();
        String before = everything();
        runner.armed = true;
        ApplyResult r = apply(SPEC, runner);
        assertEquals(ApplyResult.Outcome.REVERTED, r.outcome(), r.failure().getOrElse(""));
        assertTrue(r.failure().get().contains("injected refusal"), r.failure().get());
        assertEquals(before, everything());
    }

    @Test
    void aWeightChangeWhoseNftPartFailsLeavesTheAppliedSpec() throws IOException {
        FailingNft runner = new FailingNft();
        assertEquals(ApplyResult.Outcome.APPLIED, apply(SPEC, runner).outcome());
        String applied = everything();
        runner.armed = true;
        ApplyResult r = apply(SPEC.replace("weight = 2", "weight = 3").replace("weight = 1", "weight = 1\nmark = 0x00050000"), runner);
        assertEquals(ApplyResult.Outcome.REVERTED, r.outcome(), r.failure().getOrElse(""));
        assertEquals(applied, everything());
    }
}
