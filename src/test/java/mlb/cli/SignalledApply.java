package mlb.cli;

import mlb.engine.Engine;
import mlb.engine.Workspace;
import mlb.kernel.FakeKernel;
import mlb.model.StateJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Run in a child JVM by InterruptedChangeTest: `mlb apply ARGS` as Main.main runs it (its interrupt handler, its
 * exit), on the fake kernel, which stops before one command of the write until SIGINT or SIGTERM has come: `batch`
 * the first command of the second batch (a stop check follows that batch), `last` the last command of the plan
 * (none follows). It creates MARKER when it stops there, then holds for HOLD_MS (a write of 20 000 routes on a
 * loaded machine) and goes on. Args: MOMENT MARKER HOLD_MS ARGS... (ARGS name the spec with -f and the target).
 */
public final class SignalledApply {
    private SignalledApply() {
    }

    public static void main(String[] args) throws IOException {
        Engine.handleInterrupts();
        FakeKernel fake = FakeKernel.standard();
        Env env = new Env() {
            @Override
            public Workspace workspace(Path stateDir) {
                return Workspace.system(stateDir).withKernels(t -> fake.kernel()).withPresent(t -> true);
            }

            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public Path defaultStateDir() {
                throw new IllegalStateException("give --state");
            }
        };
        String[] mlb = Arrays.copyOfRange(args, 3, args.length);
        int commands = commands(env, mlb);
        boolean[] paused = {false};
        // The fake's per-command predicate, failing nothing: where the write is when a command is about to run.
        fake.failWhen(c -> {
            boolean here = args[0].equals("batch") ? fake.writes() == 2 : fake.executed().size() == commands - 1;
            if (here && !paused[0]) {
                paused[0] = true;
                pause(Path.of(args[1]), Long.parseLong(args[2]));
            }
            return false;
        });
        List<String> apply = new ArrayList<>(List.of("apply"));
        apply.addAll(List.of(mlb));
        apply.add("--yes");
        System.exit(Main.run(System.out, System.err, env, apply.toArray(String[]::new)));
    }

    /** How many commands the apply will send: `plan --json` says. */
    private static int commands(Env env, String[] mlb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> plan = new ArrayList<>(List.of("plan"));
        plan.addAll(List.of(mlb));
        plan.add("--json");
        Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, env, plan.toArray(String[]::new));
        return StateJson.MAPPER.readTree(out.toString(StandardCharsets.UTF_8)).get("commands").size();
    }

    private static void pause(Path marker, long holdMs) {
        try {
            Files.createFile(marker);
            while (!Engine.interrupted()) Thread.sleep(1);
            Thread.sleep(holdMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
