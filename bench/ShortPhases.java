import io.vavr.control.Option;
import mlb.engine.Reconciler;
import mlb.cli.Main;
import mlb.history.Drift;
import mlb.history.Entry;
import mlb.history.History;
import mlb.history.LastRecord;
import mlb.history.Snapshot;
import mlb.kernel.Kernel;
import mlb.plan.Plan;
import mlb.plan.PlanText;
import mlb.proc.Target;
import mlb.spec.SpecParser;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Where a short `mlb plan`'s time goes, in one cold JVM, in the order PlanCommand does the work: picocli's
 * model of the plan command (timed through `mlb plan --help`, which builds it and prints its help), the spec
 * parse (Jackson TOML), compiling with the device reads, reading the kernel and diffing, the drift check (the
 * target's last.json while it names the branch's tip, else JGit: open the audit repo, find the target's last
 * entry, read its after.json) and rendering. Each phase pays for the
 * classes it is the first to load, as it does in the real command. Run by bench/commands.sh, compiled with
 * javac first (the source launcher would run javac in the same JVM and warm the JDK's classes):
 *   java -cp target/mlb.jar:DIR ShortPhases SPEC NETNS STATE
 */
public class ShortPhases {
    public static void main(String[] args) throws Exception {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        long t0 = System.nanoTime();
        Main.run(nowhere, nowhere, "plan", "--help");
        long t1 = System.nanoTime();
        var spec = SpecParser.parse(Path.of(args[0])).get();
        long t2 = System.nanoTime();
        var target = Target.netns(args[1]);
        var reconciler = new Reconciler(mlb.host.Host.kernel(target));
        var compiled = reconciler.compile(spec).get();
        long t3 = System.nanoTime();
        Plan plan = reconciler.plan(compiled.desired(), compiled.scope(), compiled.notes()).get();
        long t4 = System.nanoTime();
        int drift = -1;
        Option<LastRecord> last = LastRecord.current(Path.of(args[2]), target.id());
        String from = "last.json";
        if (last.isEmpty()) {
            from = "JGit";
            for (History h : History.existing(Path.of(args[2]))) {
                try (h) {
                    last = h.latest(target.id()).map(e -> snapshot(h, e)).map(LastRecord::of);
                }
            }
        }
        if (last.isDefined()) drift = Drift.lines(last.get().after(), plan.current()).size();
        long t5 = System.nanoTime();
        String text = PlanText.render(plan);
        long t6 = System.nanoTime();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long boot = uptime - ms(System.nanoTime() - t0);
        System.out.printf("JVM start to main %d, picocli (plan --help) %d, spec parse %d, compile %d,"
                        + " kernel read + diff %d, drift check (%s) %d, render %d; total %d ms"
                        + " (%d changes, %d drifted, %d chars)%n", boot, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2),
                ms(t4 - t3), from, ms(t5 - t4), ms(t6 - t5), boot + ms(t6 - t0), plan.changes().size(), drift,
                text.length());
    }

    private static Snapshot snapshot(History h, Entry e) {
        try {
            return Snapshot.of(h, e);
        } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
