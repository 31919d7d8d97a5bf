package mlb.cli;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import mlb.engine.Engine;
import mlb.engine.Workspace;
import mlb.kernel.Driver;
import mlb.kernel.FakeKernel;
import mlb.kernel.Kernel;
import mlb.kernel.Reading;
import mlb.kernel.Written;
import mlb.model.Change;
import mlb.model.Kind;
import mlb.model.Scope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by InterruptedChangeTest: `mlb ARGS` as Main.main runs it (its interrupt handler, its exit),
 * on the fake kernel, which stops at a MOMENT of the apply until SIGINT or SIGTERM has come: `write` after the
 * first batch of the write, `verify` at the read after the whole write. It then holds for HOLD_MS (a write or a
 * verify of 20 000 routes on a loaded machine) and goes on. It creates MARKER when it stops there.
 * Args: MOMENT MARKER HOLD_MS MLB-ARGS...
 */
public final class SignalledApply {
    private SignalledApply() {
    }

    public static void main(String[] args) {
        Engine.handleInterrupts();
        Pausing kernel = new Pausing(FakeKernel.standard(), args[0], Path.of(args[1]), Long.parseLong(args[2]));
        Env env = new Env() {
            @Override
            public Workspace workspace(Path stateDir) {
                return Workspace.system(stateDir).withKernels(t -> new Kernel(List.of(kernel), kernel.fake)).withPresent(t -> true);
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
        System.exit(Main.run(System.out, System.err, env, java.util.Arrays.copyOfRange(args, 3, args.length)));
    }

    private static final class Pausing implements Driver {
        final FakeKernel fake;
        private final String moment;
        private final Path marker;
        private final long holdMs;
        private boolean paused;

        Pausing(FakeKernel fake, String moment, Path marker, long holdMs) {
            this.fake = fake;
            this.moment = moment;
            this.marker = marker;
            this.holdMs = holdMs;
        }

        @Override
        public Set<Kind> kinds() {
            return fake.kinds();
        }

        @Override
        public Reading read(Scope scope) {
            if (moment.equals("verify") && fake.writes() > 0) pause();
            return fake.read(scope);
        }

        @Override
        public Either<String, List<String>> render(Change change) {
            return fake.render(change);
        }

        @Override
        public Written write(List<Change> changes) {
            Written w = fake.write(changes);
            if (moment.equals("write")) pause();
            return w;
        }

        @Override
        public int batch() {
            return fake.batch();
        }

        private void pause() {
            if (paused) return;
            paused = true;
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
}
