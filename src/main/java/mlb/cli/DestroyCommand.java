package mlb.cli;

import io.vavr.collection.List;
import mlb.apply.Lock;
import mlb.history.Record;
import mlb.model.NetState;
import mlb.plan.Plan;
import mlb.spec.Balancer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = "Remove every object mlb owns (its protocol's rules, their tables' routes, its nexthops)"
                + " and nothing else. Kernel settings are left as they are.")
final class DestroyCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    TargetOption target;

    @Option(names = "--protocol", paramLabel = "N", description = "Route protocol mlb's objects carry (default: ${DEFAULT-VALUE}).")
    int protocol = Balancer.DEFAULT_PROTOCOL;

    @Option(names = {"-y", "--yes"}, description = "Do not ask before destroying.")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        Session s = new Session(main, target.target());
        try (Lock ignored = s.lock()) {
            Plan plan = s.plan(NetState.empty(), protocol, List.empty());
            s.printPlan(plan);
            if (plan.isEmpty()) return Exit.OK;
            if (!s.confirmed(yes, "Destroy everything mlb owns on " + s.target + "?")) {
                main.err.println("mlb: destroy cancelled; nothing was changed");
                return Exit.FAILED;
            }
            return s.applyAndReport(plan, protocol, Intent.of(Record.Kind.DESTROY, "destroy " + s.target));
        }
    }
}
