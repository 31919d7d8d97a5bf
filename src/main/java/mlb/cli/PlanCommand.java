package mlb.cli;

import mlb.compile.Compiler;
import mlb.plan.Plan;
import mlb.plan.PlanJson;
import mlb.plan.SavedPlan;
import mlb.spec.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the changes that would make the kernel match the spec. Changes nothing.")
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    SpecOption file;

    @Mixin
    TargetOption target;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes, 0 when there are none.")
    boolean detailed;

    @Option(names = {"-o", "--out"}, paramLabel = "PLANFILE", description = "Save the plan for `mlb apply PLANFILE`.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Spec spec = file.load();
        Session s = new Session(main, target.target());
        Compiler.Compiled c = s.compile(spec);
        Plan plan = s.plan(c.desired(), spec.balancer().protocol(), c.notes());
        reportDrift(s, plan, spec.balancer().protocol());
        if (json) main.out.print(PlanJson.text(plan));
        else s.printPlan(plan);
        if (out != null) {
            Files.writeString(out, new SavedPlan(s.target.id(), spec.balancer().protocol(), file.path().toString(), spec.source(), plan).text());
            if (!json) main.out.println("Saved the plan to " + out + ": apply it with `mlb apply " + out + "`.");
        }
        return detailed && !plan.isEmpty() ? Exit.CHANGES_PENDING : Exit.OK;
    }

    /** Before the plan, so a person sees that part of it undoes someone's manual change. JSON keeps stdout clean. */
    private void reportDrift(Session s, Plan plan, int protocol) {
        if (s.recorder.pending()) main.err.println("mlb: note: an earlier apply waits in the journal to be recorded");
        Drifts.of(s, io.vavr.control.Option.some(plan.current()), protocol).filter(f -> !f.lines().isEmpty()).forEach(f -> {
            java.io.PrintStream to = json ? main.err : main.out;
            to.println(Drifts.heading(f));
            f.lines().forEach(l -> to.println("  " + l));
            to.println();
        });
    }
}
