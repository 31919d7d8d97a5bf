package mlb.kernel.sysctl;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.kernel.Driver;
import mlb.kernel.KernelError;
import mlb.kernel.Reading;
import mlb.kernel.Written;
import mlb.model.Change;
import mlb.model.Foreign;
import mlb.model.KernelObject;
import mlb.model.Kind;
import mlb.model.Scope;
import mlb.model.Sysctl;
import mlb.proc.Runner;
import mlb.proc.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Kernel settings under /proc/sys of the target, read with `cat` and set with `tee` (inside the namespace). */
public final class SysctlDriver implements Driver {
    /**
     * Dotted names of plain words, where (as in sysctl(8)) a '/' stands for a dot inside one word: a device
     * eth0.100 is net.ipv4.conf.eth0/100.rp_filter. No word starts with '/', so none becomes `..` in the path,
     * and a name can only ever mean one file.
     */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+(\\.[A-Za-z0-9_-][A-Za-z0-9_/-]*)+");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private final Runner runner;
    private final Target target;
    private Boolean inside;

    public SysctlDriver(Runner runner, Target target) {
        this.runner = runner;
        this.target = target;
    }

    @Override
    public Set<Kind> kinds() {
        return HashSet.of(Kind.SYSCTL);
    }

    @Override
    public Reading read(Scope scope) {
        List<String> names = List.ofAll(scope.sysctls());
        List<KernelObject> owned = together(names).getOrElse(() -> names.map(this::read));
        return new Reading(owned, Foreign.NONE);
    }

    /**
     * Several settings in one `cat` (in the namespace: one `ip netns exec` instead of one each). Each file holds
     * one line; should cat fail or print another number of lines, each is read alone, which says what is wrong.
     */
    private Option<List<KernelObject>> together(List<String> names) {
        if (names.size() < 2 || inside()) return Option.none();
        Either<String, List<String>> files = Either.sequenceRight(names.map(SysctlDriver::path)).map(List::ofAll);
        if (files.isLeft()) return Option.none();
        Runner.Result r = runner.run(target.exec(List.of("cat").appendAll(files.get()).toJavaArray(String[]::new)));
        String[] lines = r.stdout().split("\n", -1);
        if (!r.ok() || lines.length != names.size() + 1 || !lines[names.size()].isEmpty()) return Option.none();
        return Option.some(names.zipWithIndex().map(t -> new Sysctl(t._1, lines[t._2].strip())));
    }

    private Sysctl read(String name) {
        String file = path(name).getOrElseThrow(why -> new KernelError(KernelError.Reason.FAILED, why));
        if (inside()) {
            try {
                return new Sysctl(name, Files.readString(Path.of(file)).strip());
            } catch (IOException e) {
                throw KernelError.from("reading " + name, String.valueOf(e.getMessage()));
            }
        }
        Runner.Result r = runner.run(target.exec("cat", file));
        if (!r.ok()) throw KernelError.from("reading " + name, r.stderr());
        return new Sysctl(name, r.stdout().strip());
    }

    /**
     * Whether this process already lives in the target namespace (the monitor does): /proc/sys is then the
     * target's own, read without spawning `ip netns exec ... cat`.
     */
    private boolean inside() {
        if (inside == null) {
            inside = target.netns().map(n -> {
                try {
                    return Files.isSameFile(Path.of("/proc/self/ns/net"), Path.of("/run/netns", n));
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).orElse(false);
        }
        return inside;
    }

    @Override
    public Either<String, List<String>> render(List<Change> run) {
        return Either.sequenceRight(run.map(change -> change.match(c -> set(c.after()), u -> set(u.after()),
                r -> set(r.after()), d -> Either.<String, String>left("kernel settings are never deleted: " + d.key().id()))))
                .map(List::ofAll);
    }

    private static Either<String, String> set(KernelObject o) {
        return checked(o).map(s -> "sysctl -w " + s.name() + "=" + s.value());
    }

    @Override
    public Written write(List<Change> changes) {
        List<String> sent = List.empty();
        for (Change c : changes) {
            Sysctl s = checked(c.subject()).get();
            String text = "sysctl -w " + s.name() + "=" + s.value();
            sent = sent.append(text);
            Runner.Result r = runner.run(target.exec("tee", path(s.name()).get()), s.value() + "\n");
            if (!r.ok()) return new Written(sent, Option.some(text + ": " + r.stderr().strip()), false);
        }
        return new Written(sent, Option.none(), false);
    }

    @Override
    public int batch() {
        return 1;
    }

    private static Either<String, Sysctl> checked(KernelObject o) {
        if (!(o instanceof Sysctl s)) return Either.left(o.kind().label() + " is not a kernel setting (a bug: wrong driver)");
        if (!VALUE.matcher(s.value()).matches()) return Either.left("unsafe value for " + s.name() + ": " + s.value());
        return path(s.name()).map(p -> s);
    }

    /** The file under /proc/sys holding a setting. */
    static Either<String, String> path(String name) {
        if (!NAME.matcher(name).matches()) return Either.left("not a kernel setting name: " + name);
        return Either.right("/proc/sys/" + name.replace('.', '\n').replace('/', '.').replace('\n', '/'));
    }
}
