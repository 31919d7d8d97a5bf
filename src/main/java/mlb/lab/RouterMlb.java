package mlb.lab;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.engine.Approval;
import mlb.engine.Engine;
import mlb.engine.Inputs;
import mlb.engine.Refusal;
import mlb.engine.Workspace;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.HumanView;
import mlb.view.View;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * mlb's engine driven against a lab's router, with what `mlb plan` / `mlb apply` would print kept for the demo.
 * Specs are written to the lab's run directory, and mlb's audit history goes there too, so a demo or test never
 * writes to the host's own history and leaves nothing behind.
 */
public final class RouterMlb {
    private final Topology topology;

    public RouterMlb(Topology topology) {
        this.topology = topology;
    }

    /** What one operation printed (as the CLI would), and the exit code the CLI would give. */
    public record Result(int code, String out, String err) {
    }

    public Path write(LabSpec spec, String name) {
        Path file = LabProcesses.stateDir(topology.prefix()).resolve(name + ".toml");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, spec.toml());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result plan(Path spec) {
        return run((engine, view) -> Inputs.spec(spec).flatMap(s -> engine.plan(s, spec, Option.none())).map(r -> {
            view.plan(r);
            return Exit.OK;
        }));
    }

    public Result apply(Path spec) {
        return run((engine, view) -> Inputs.spec(spec)
                .flatMap(s -> engine.apply(s, spec, Option.none(), Approval.ALWAYS)).map(r -> shown(view, r)));
    }

    /** Applies or throws with mlb's own error text. */
    public Result applyOrFail(LabSpec spec, String name) {
        Result o = apply(write(spec, name));
        if (o.code() != 0) {
            throw new LabException(LabException.FAILED, "mlb apply failed (exit " + o.code() + "): " + o.err().strip());
        }
        return o;
    }

    public Result destroy() {
        return run((engine, view) -> engine.destroy(Option.none(), Approval.ALWAYS).map(r -> shown(view, r)));
    }

    private static int shown(View view, ApplyResult r) {
        view.apply(r);
        return Exit.of(r);
    }

    private interface Operation {
        Either<Refusal, Integer> run(Engine engine, View view);
    }

    private Result run(Operation op) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            View view = new HumanView(o, e, false);
            Engine engine = new Engine(Workspace.system(state()), Target.netns(topology.routerNs()), view.events());
            Either<Refusal, Integer> done = op.run(engine, view);
            code = done.fold(r -> {
                view.refused(r);
                return Exit.of(r);
            }, Function.identity());
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path state() {
        return LabProcesses.stateDir(topology.prefix()).resolve("audit");
    }
}
