package mlb.engine;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.history.TwoLinks;
import mlb.kernel.FakeKernel;
import mlb.proc.Target;
import mlb.spec.SpecParser;
import mlb.view.Exit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by StateDiskIT in a mount namespace of its own: mounts a small tmpfs as the state directory, applies once,
 * then fills it (`full`) or makes it read-only (`readonly`) and applies a change, printing what happened as
 * `key: value` lines; or (`monitor`) fills it and makes the monitor's change. Args: full|readonly|monitor MOUNT_POINT
 * WORK_DIR.
 */
public final class DiskProbe {
    private DiskProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path mnt = Path.of(args[1]);
        Path work = Path.of(args[2]);
        must("mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", mnt.toString());
        FakeKernel kernel = FakeKernel.standard();
        Workspace ws = new Workspace(mnt.resolve("state"), t -> kernel.kernel(), new FakeWatchers(), Clock.systemUTC(),
                "probe", "router", work.resolve("run"), t -> true);
        Engine engine = new Engine(ws, Target.netns("lab"), new Listener.Quiet());
        System.out.println("first: " + apply(engine, work, 5).map(ApplyResult::outcome));
        if (mode.equals("monitor")) {
            monitor(engine, kernel, work, mnt);
            return;
        }
        if (mode.equals("full")) System.out.println("filled: " + fill(mnt.resolve("filler")));
        else must("mount", "-o", "remount,ro", mnt.toString());
        FakeKernel.State before = kernel.state();
        int executed = kernel.executed().size();
        Either<Refusal, ApplyResult> second = apply(engine, work, 1);
        System.out.println("second: " + second.fold(r -> "refused " + r.reason() + " exit " + Exit.of(r), r -> "ran " + r.outcome()));
        System.out.println("message: " + second.fold(Refusal::message, r -> ""));
        System.out.println("context: " + second.fold(r -> String.join(" | ", r.context()), r -> ""));
        System.out.println("kernel unchanged: " + (kernel.state().equals(before) && kernel.executed().size() == executed));
        try (Stream<Path> s = Files.list(mnt.resolve("state").resolve("netns-lab").resolve("journal"))) {
            System.out.println("journal: " + s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * The monitor's failover on the full disk: it must reach the kernel though no journal entry can be written,
     * its record kept in memory; once space returns it is journaled and committed.
     */
    private static void monitor(Engine engine, FakeKernel kernel, Path work, Path mnt) throws IOException {
        Path f = work.resolve("home-5.toml");
        System.out.println("filled: " + fill(mnt.resolve("filler")));
        FakeKernel.State before = kernel.state();
        Either<Refusal, ApplyResult> out = engine.follow(SpecParser.parse(f).get(), f, io.vavr.collection.HashSet.of("isp1"),
                "isp2 out (isp2 down)");
        System.out.println("follow: " + out.fold(r -> "refused " + r.message(), r -> "ran " + r.outcome()));
        System.out.println("kernel changed: " + !kernel.state().equals(before));
        System.out.println("unrecorded: " + engine.unrecorded());
        Files.delete(mnt.resolve("filler"));
        System.out.println("recorded once space returned: " + engine.recordHeld(false).map(x -> x && engine.unrecorded() == 0));
        System.out.println("history: " + engine.history().get().entries().map(e -> e.title()).mkString(" | "));
        System.out.println("drift: " + engine.status().get().drift().map(d -> d.drifted()).getOrElse(true));
    }

    private static Either<Refusal, ApplyResult> apply(Engine engine, Path work, int w1) throws IOException {
        Path f = Files.writeString(work.resolve("home-" + w1 + ".toml"), TwoLinks.spec(w1, 1));
        return engine.apply(SpecParser.parse(f).get(), f, Option.none(), Approval.ALWAYS);
    }

    /** Writes until the file system says it is full; returns what it said. */
    private static String fill(Path filler) {
        byte[] page = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) out.write(page);
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static void must(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", List.of(argv)) + " failed");
    }
}
