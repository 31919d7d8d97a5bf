package mlb.cli;

import mlb.engine.FakeWatchers;
import mlb.engine.MovableClock;
import mlb.engine.Workspace;
import mlb.history.TwoLinks;
import mlb.kernel.FakeKernel;
import mlb.kernel.Kernel;
import mlb.proc.Target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The mlb CLI over the fake kernel in a temporary directory, with fake confirm watchers and a clock the test moves:
 * namespaces "lab" and "other" exist (unless the test says otherwise), no other does; stdin is a terminal only
 * when a test says so.
 */
final class FakeCli {
    final Path dir;
    final Path state;
    FakeKernel kernel = FakeKernel.standard();
    Function<Target, Kernel> kernels = t -> kernel.kernel();
    Predicate<Target> present = t -> t.netns().map(n -> n.equals("lab") || n.equals("other")).orElse(true);
    boolean interactive;
    /** No detached confirm watcher is ever started: the test moves the clock past deadlines instead. */
    final FakeWatchers watchers = new FakeWatchers();
    final MovableClock clock = new MovableClock();

    FakeCli(Path dir) {
        this.dir = dir;
        this.state = dir.resolve("default-state");
    }

    final Env env = new Env() {
        @Override
        public Workspace workspace(Path stateDir) {
            return new Workspace(stateDir, t -> kernels.apply(t), watchers, clock, "tester", "router", stateDir.resolve(".locks"),
                    t -> present.test(t));
        }

        @Override
        public boolean interactive() {
            return interactive;
        }

        @Override
        public Path defaultStateDir() {
            return state;
        }
    };

    final CliRunner mlb = new CliRunner(env);

    CliRunner.Run run(String... args) {
        return mlb.run(args);
    }

    CliRunner.Run expect(int code, String... args) {
        return mlb.expect(code, args);
    }

    /** The two links of FakeKernel.standard(), with these weights. */
    String spec(int w1, int w2) {
        try {
            return Files.writeString(dir.resolve("home-" + w1 + "-" + w2 + ".toml"), TwoLinks.spec(w1, w2)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
