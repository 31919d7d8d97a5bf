package mlb.history;

import mlb.cli.CliRunner;
import mlb.cli.Env;
import mlb.kernel.FakeKernel;
import mlb.engine.Workspace;
import mlb.model.NetState;
import mlb.model.Sysctl;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Any sequence of spec edits, manual changes in the kernel, applies and rollbacks, against a fake kernel: after
 * every apply the plan is empty; history holds exactly one entry per apply or rollback that changed the
 * kernel; rollback returns to the second newest recorded state; plan reports drift exactly when the kernel
 * moved away from the last recorded state, whether last.json or git tells that state.
 */
class HistoryProperties {
    private static final String NS = "mlbt-fake";

    @Property(tries = 20)
    void historyFollowsTheKernel(@ForAll("chains") ActionChain<World> chain) {
        World w = chain.run();
        w.close();
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(World::new)
                .withAction(new EditSpec())
                .withAction(new Drift())
                .withAction(2, new Apply())
                .withAction(new Rollback())
                .withAction(new ForgetLastRecord())
                .withMaxTransformations(10);
    }

    /** The fake router, its spec file, the audit repo, and what the model expects history to hold. */
    static final class World {
        final Path dir;
        final Path spec;
        final FakeKernel kernel = FakeKernel.standard();
        final CliRunner mlb;
        /** The owned state after each apply or rollback that changed the kernel, oldest first. */
        final List<NetState> recorded = new ArrayList<>();

        World() {
            try {
                dir = Files.createTempDirectory("mlb-history-prop");
                spec = Files.writeString(dir.resolve("home.toml"), TwoLinks.spec(1, 1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            mlb = new CliRunner(env(), dir.resolve("state"));
        }

        private Env env() {
            Path state = dir.resolve("state");
            return new Env() {
                public Workspace workspace(Path stateDir) {
                    return Workspace.system(stateDir).withKernels(t -> kernel.kernel());
                }

                public boolean interactive() {
                    return false;
                }

                public Path defaultStateDir() {
                    return state;
                }
            };
        }

        /** What history records of the kernel: mlb's objects (protocol 250) and the sysctls. */
        NetState owned() {
            FakeKernel.State s = kernel.state();
            NetState owned = s.ofProtocol(250);
            for (var sysctl : s.sysctls()) owned = owned.with(new Sysctl(sysctl._1, sysctl._2));
            return owned;
        }

        int historySize() {
            try {
                io.vavr.control.Option<History> h = History.existing(dir.resolve("state"));
                if (h.isEmpty()) return 0;
                try (History history = h.get()) {
                    return history.log("netns-" + NS).size();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "World(" + recorded.size() + " recorded)";
        }
    }

    static final class EditSpec implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            Arbitrary<Integer> weight = Arbitraries.integers().between(1, 4);
            return weight.tuple2().map(t -> Transformer.mutate("edit weights " + t.get1() + "/" + t.get2(), w -> {
                try {
                    Files.writeString(w.spec, TwoLinks.spec(t.get1(), t.get2()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
    }

    /** Someone changes the kernel by hand: an extra rule with mlb's protocol, or other group weights. */
    static final class Drift implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.of(
                    "rule add priority 10050 from 198.18.99.1 lookup 201 proto 250",
                    "rule del priority 10010 from 198.18.1.2 lookup 201",
                    "nexthop replace id 200 group 201,7/202,9 type resilient buckets 512 proto 250"
            ).map(line -> Transformer.mutate("ip " + line, w -> w.kernel.ip(line)));
        }
    }

    /** last.json gone (an older mlb's state, a failed write): the last state is read from git, with the same answers. */
    static final class ForgetLastRecord implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(Transformer.mutate("forget last.json", w -> {
                try {
                    Files.deleteIfExists(LastRecord.file(w.dir.resolve("state"), "netns-" + NS));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
    }

    static final class Apply implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(Transformer.mutate("apply", w -> {
                NetState before = w.owned();
                expectDriftReport(w);
                w.mlb.expect(0, "apply", "-f", w.spec.toString(), "--netns", NS, "--yes");
                if (!w.owned().equals(before)) w.recorded.add(w.owned());
                w.mlb.expect(0, "plan", "-f", w.spec.toString(), "--netns", NS, "--detailed-exitcode");
                assertEquals(w.recorded.size(), w.historySize());
            }));
        }

        private static void expectDriftReport(World w) {
            String plan = w.mlb.expect(0, "plan", "-f", w.spec.toString(), "--netns", NS).out();
            boolean drifted = !w.recorded.isEmpty() && !w.recorded.get(w.recorded.size() - 1).equals(w.owned());
            assertEquals(drifted, plan.startsWith("Changed outside mlb"), plan);
        }
    }

    static final class Rollback implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(Transformer.mutate("rollback", w -> {
                int n = w.recorded.size();
                if (n < 2) {
                    w.mlb.expect(64, "rollback", "--netns", NS, "--yes");
                    return;
                }
                NetState before = w.owned();
                NetState target = w.recorded.get(n - 2);
                w.mlb.expect(0, "rollback", "--netns", NS, "--yes");
                assertEquals(target, w.owned());
                if (!target.equals(before)) w.recorded.add(target);
                assertEquals(w.recorded.size(), w.historySize());
            }));
        }
    }
}
