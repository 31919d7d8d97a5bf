package mlb.kernel.nft;

import mlb.it.ChildJvm;
import mlb.it.Netns;
import mlb.proc.Runner;
import mlb.proc.SystemRunner;
import mlb.proc.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libnftables in the process, as the monitor uses it: only where the process runs in the target's namespace
 * (a JVM started inside one here), with `nft`'s results; anywhere else nft stays a process.
 */
class LibNftablesIT {
    /** Inside the namespace named in args[0]: a transaction, a failing one, and a read, each result on a line. */
    public static void main(String[] args) {
        Nft nft = LibNftables.forTarget(Target.netns(args[0])).getOrElseThrow(() -> new IllegalStateException("not loaded"));
        Runner.Result ok = nft.apply("add table inet mlbt\nadd chain inet mlbt c\n");
        Runner.Result bad = nft.apply("add table inet mlbu\nadd chain inet nosuch c\n");
        Runner.Result checked = nft.check("add table inet mlbc\n");
        Runner.Result refused = nft.check("add chain inet nosuch c\n");
        Runner.Result read = nft.listRuleset();
        System.out.println(ok.exitCode() + " " + ok.stderr().isEmpty());
        System.out.println(bad.exitCode() + " " + bad.stderr().replace("\n", "|"));
        System.out.println(read.exitCode() + " " + read.stdout().contains("\"name\": \"mlbt\"") + " " + read.stdout().contains("mlbu"));
        System.out.println(checked.exitCode() + " " + refused.exitCode() + " " + read.stdout().contains("mlbc"));
    }

    @Test
    void insideItsNamespaceNftablesRunsInTheProcessWithNftsResults() throws Exception {
        Netns.assumeAvailable();
        try (Netns ns = Netns.create()) {
            assertTrue(LibNftables.forTarget(Target.netns(ns.name)).isEmpty(), "from outside the namespace: nft stays a process");
            List<String> lines = ChildJvm.runIn(ns.name, LibNftablesIT.class, ns.name);
            assertEquals("0 true", lines.get(0), lines::toString);
            assertTrue(lines.get(1).startsWith("1 /dev/stdin:2:16-21: Error: No such file or directory|add chain inet nosuch c|"),
                    () -> "the failed line is named as by nft -f -: " + lines);
            assertEquals("0 true false", lines.get(2), "read back as JSON; the failed transaction left nothing (its table neither)");
            assertEquals("0 1 false", lines.get(3), "a check passes or fails as the kernel says, and applies nothing");
            Nft process = Nft.process(new SystemRunner(), Target.netns(ns.name));
            assertEquals(0, process.check("add table inet mlbp\n").exitCode());
            assertEquals(1, process.check("add chain inet nosuch c\n").exitCode(), "nft -c, as a process");
            Runner.Result tables = new SystemRunner().run(Target.netns(ns.name).exec("nft", "list", "tables"));
            assertEquals("table inet mlbt", tables.stdout().strip());
        }
    }

}
