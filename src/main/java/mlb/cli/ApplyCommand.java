package mlb.cli;

import io.vavr.collection.List;
import mlb.apply.Lock;
import mlb.compile.Compiler;
import mlb.model.NetState;
import mlb.plan.Plan;
import mlb.plan.SavedPlan;
import mlb.spec.Spec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Make the kernel match the spec (or a saved plan), verify it, and revert on failure.")
final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    SpecOption file;

    @Parameters(arity = "0..1", paramLabel = "PLANFILE", description = "A plan saved by `mlb plan -o`.")
    Path planFile;

    @Mixin
    TargetOption target;

    @Option(names = {"-y", "--yes"}, description = "Do not ask before applying.")
    boolean yes;

    @Option(names = "--confirm", paramLabel = "DURATION", converter = ConfirmTime.class,
            description = "Revert by itself to the state before this apply unless `mlb confirm` runs within"
                    + " DURATION (e.g. 90s, 2m, 1h).")
    Duration confirm;

    /** The protocol of the spec or saved plan being applied; set while planning. */
    private int protocol;

    /** What the history entry will say about this apply; set while planning. */
    private Intent intent;

    @Override
    public Integer call() throws IOException {
        if (file.given() && planFile != null) throw new CliError(Exit.USAGE, "give either -f SPEC or PLANFILE, not both");
        // An invalid spec is reported before the target is touched at all, lock included.
        Spec spec = planFile == null ? Specs.load(file.path()) : null;
        Session s = new Session(main, target.target());
        try (Lock ignored = s.lock()) {
            Plan plan = planFile != null ? fromSaved(s) : fromSpec(s, file.path(), spec);
            s.printPlan(plan);
            if (plan.isEmpty()) return Exit.OK;
            if (!s.confirmed(yes, "Apply these changes to " + s.target + "?")) {
                main.err.println("mlb: apply cancelled; nothing was changed");
                return Exit.FAILED;
            }
            int code = s.applyAndReport(plan, protocol, intent);
            if (confirm != null) Confirms.arm(s, confirm, plan, protocol);
            return code;
        }
    }

    /** picocli converter for --confirm. */
    static final class ConfirmTime implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Confirms.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    private Plan fromSpec(Session s, Path spec, Spec parsed) {
        protocol = parsed.balancer().protocol();
        intent = Intent.apply("apply " + Intent.specName(spec.toString()), io.vavr.control.Option.some(spec.toAbsolutePath().normalize()), parsed.source(), confirm != null);
        Compiler.Compiled c = s.compile(parsed);
        return s.plan(c.desired(), protocol, c.notes());
    }

    private Plan fromSaved(Session s) {
        String text = Session.read(planFile);
        if (!SavedPlan.looksSaved(text)) {
            throw new CliError(Exit.USAGE, planFile + " is not a saved plan (to apply a spec, use -f " + planFile + ")");
        }
        SavedPlan saved = SavedPlan.parse(text);
        if (!saved.target().equals(s.target.id())) {
            throw new CliError(Exit.USAGE, planFile + " was made for " + saved.target() + ", not " + s.target.id());
        }
        protocol = saved.protocol();
        io.vavr.control.Option<Path> specFile = saved.specFile().isEmpty() ? io.vavr.control.Option.none() : io.vavr.control.Option.some(Path.of(saved.specFile()));
        intent = Intent.apply("apply " + Intent.specName(saved.specFile().isEmpty() ? planFile.toString() : saved.specFile()),
                specFile, saved.specText(), confirm != null);
        NetState desired = saved.plan().desired();
        Plan fresh = s.plan(desired, protocol, saved.plan().notes());
        if (!fresh.current().equals(saved.plan().current())) {
            throw new CliError(Exit.FAILED, "the saved plan is stale: the kernel changed since it was made",
                    List.of("run `mlb plan -o " + planFile + "` again"));
        }
        return fresh;
    }
}
