package mlb.kernel.ip;

import mlb.proc.Runner;
import mlb.proc.Target;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DumpsTest {
    /** Answers each batch line with "[N]" (its place in the batch), each single command with "[one]". */
    private static final class Recording implements Runner {
        final List<String> runs = new ArrayList<>();
        final boolean failing;

        Recording(boolean failing) {
            this.failing = failing;
        }

        @Override
        public synchronized Result run(List<String> argv, String stdin) {
            runs.add(String.join(" ", argv) + (stdin == null ? "" : " <<" + stdin.strip().replace("\n", "; ")));
            if (stdin == null) return new Result(0, "[one]\n", "");
            StringBuilder out = new StringBuilder();
            String[] lines = stdin.strip().split("\n");
            for (int i = 0; i < lines.length; i++) if (!(failing && i == 1)) out.append("[").append(i).append("]\n");
            return new Result(failing ? 1 : 0, out.toString(), failing ? "Command failed -:2" : "");
        }
    }

    @Test
    void batchedDumpsRunAsOneProcessPerSetOfOptions() {
        Recording r = new Recording(false);
        Dumps d = new Dumps(r, Target.netns("lab"), true);
        d.start("rules", "-N", "-j", "-d", "-4", "rule", "show");
        d.start("nexthops", "-N", "-j", "-d", "nexthop", "show");
        d.start("table 201", "-N", "-j", "-d", "-4", "route", "show", "table", "201");
        assertEquals("[0]", d.result("rules").stdout());
        assertEquals("[1]", d.result("table 201").stdout());
        assertEquals("[0]", d.result("nexthops").stdout());
        assertEquals(List.of("ip -n lab -N -j -d -4 -force -batch - <<rule show; route show table 201",
                "ip -n lab -N -j -d -force -batch - <<nexthop show"), r.runs.stream().sorted().toList());
    }

    @Test
    void aBatchWithAFailedCommandRunsEachOnItsOwnToTellWhatFailed() {
        Recording r = new Recording(true);
        Dumps d = new Dumps(r, Target.netns("lab"), true);
        d.start("rules", "-N", "-j", "-4", "rule", "show");
        d.start("table 9", "-N", "-j", "-4", "route", "show", "table", "9");
        assertEquals("[one]\n", d.result("table 9").stdout());
        assertEquals(List.of("ip -n lab -N -j -4 -force -batch - <<rule show; route show table 9",
                "ip -n lab -N -j -4 rule show", "ip -n lab -N -j -4 route show table 9"), r.runs);
    }

    @Test
    void unbatchedDumpsRunOneProcessEach() {
        Recording r = new Recording(false);
        Dumps d = new Dumps(r, Target.netns("lab"), false);
        d.start("rules", "-N", "-j", "-4", "rule", "show");
        assertEquals("[one]\n", d.result("rules").stdout());
        assertEquals(List.of("ip -n lab -N -j -4 rule show"), r.runs);
    }

    @Test
    void routesAreCountedOverEveryTableOfTheTrieStatistics() {
        String stat = """
                Basic info: size of leaf: 48 bytes, size of tnode: 40 bytes.
                Main:
                \tAver depth:     2.00
                \tLeaves:         3
                \tPrefixes:       3
                Local:
                \tPrefixes:       7
                Id 200:
                \tPrefixes:       1
                """;
        assertEquals(11, RouteCount.sum(stat));
    }
}
