import io.vavr.collection.List;
import mlb.engine.Reconciler;
import mlb.kernel.Kernel;
import mlb.model.StateJson;
import mlb.plan.Planner;
import mlb.proc.Target;
import mlb.spec.SpecParser;

import java.nio.file.Path;

/**
 * Where a plan's time goes, phase by phase, in one cold JVM (as the CLI runs): spec parsing, compiling (with
 * the device reads it needs), reading the kernel, diffing, rendering, and the canonical JSON the history
 * writes and the drift check reads back. Run by bench/plan.sh, compiled with javac first and run with the
 * launcher's flags for short commands:
 *   java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp target/mlb.jar:DIR PlanPhases SPEC NETNS
 */
public class PlanPhases {
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        var spec = SpecParser.parse(Path.of(args[0])).get();
        long t1 = System.nanoTime();
        var kernel = mlb.host.Host.kernel(Target.netns(args[1]));
        var reconciler = new Reconciler(kernel);
        var compiled = reconciler.compile(spec).get();
        long t2 = System.nanoTime();
        var scope = compiled.scope();
        var observed = kernel.read(scope);
        long t3 = System.nanoTime();
        var plan = Planner.plan(observed, compiled.desired(), scope, List.empty()).get();
        long t4 = System.nanoTime();
        String text = mlb.plan.PlanText.render(plan);
        long t5 = System.nanoTime();
        String json = StateJson.text(observed.owned());
        StateJson.parse(json);
        long t6 = System.nanoTime();
        System.out.printf("phases (ms): parse %d, compile %d, read kernel %d, diff %d, render %d, state JSON out+in %d"
                        + " (%d owned objects, %d changes)%n", ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3),
                ms(t5 - t4), ms(t6 - t5), observed.owned().size(), plan.changes().size());
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
