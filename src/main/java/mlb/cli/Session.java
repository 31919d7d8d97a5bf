package mlb.cli;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.apply.Lock;
import mlb.apply.Outcome;
import mlb.apply.Reconciler;
import mlb.compile.Compiler;
import mlb.history.History;
import mlb.history.Private;
import mlb.history.Provenance;
import mlb.history.Record;
import mlb.history.Recorder;
import mlb.model.NetState;
import mlb.plan.Command;
import mlb.plan.Commands;
import mlb.plan.Plan;
import mlb.plan.PlanText;
import mlb.proc.Target;
import mlb.spec.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Scanner;

/** One command's work on one target: planning, the lock, applying and reporting. Shared by the commands. */
final class Session {
    final Main main;
    final Target target;
    final Reconciler reconciler;
    final Path stateDir;
    final Recorder recorder;
    /** The commit id of the last apply this session recorded. */
    Option<String> lastRecorded = Option.none();

    Session(Main main, Target target) {
        this.main = main;
        this.target = target;
        this.reconciler = new Reconciler(main.env.kernel(target));
        this.stateDir = main.stateDir();
        this.recorder = new Recorder(stateDir, target.id(), main.err);
    }

    Compiler.Compiled compile(Spec spec) {
        Validation<List<String>, Compiler.Compiled> v = reconciler.compile(spec);
        if (v.isInvalid()) {
            throw new CliError(Exit.INVALID_SPEC, "the spec does not fit " + target + " (" + v.getError().size()
                    + (v.getError().size() == 1 ? " problem)" : " problems)"), v.getError());
        }
        return v.get();
    }

    Plan plan(NetState desired, int protocol, List<String> notes) {
        Validation<List<String>, Plan> v = reconciler.plan(desired, protocol, notes);
        if (v.isInvalid()) {
            throw new CliError(Exit.FAILED, "mlb would take over objects that are not its own on " + target, v.getError());
        }
        return v.get();
    }

    Path lockDir() {
        return stateDir.resolve(target.id());
    }

    /**
     * The target's apply lock, after which the journal of an earlier run is recorded first and a confirm
     * deadline nobody is watching any more is honoured.
     */
    Lock lock() {
        Lock l = tryLock().orElseThrow(() -> new CliError(Exit.LOCKED,
                "another mlb apply holds the lock on " + target + " (pid " + Lock.holder(lockDir()) + ")",
                List.of("wait for it to finish; the lock is " + lockDir().resolve("apply.lock"))));
        prepare();
        return l;
    }

    /** The lock without waiting or preparing: empty when another mlb holds it. */
    Optional<Lock> tryLock() {
        try {
            Private.dir(stateDir);
            Private.dir(lockDir());
            Optional<Lock> l = Lock.tryAcquire(lockDir());
            if (l.isPresent()) Private.tighten(lockDir().resolve("apply.lock"));
            return l;
        } catch (IOException e) {
            throw new CliError(Exit.NOT_PERMITTED, "cannot create the lock in " + lockDir() + ": " + e.getMessage());
        }
    }

    void prepare() {
        flushJournal();
        Confirms.settleAbandoned(this);
    }

    void flushJournal() {
        recorder.flush(r -> reconciler.read(r.desired().merge(r.before()), r.protocol()).owned());
    }

    /** For read-only commands: records a journaled entry if no other mlb is busy with this target. */
    void flushIfIdle() {
        if (!recorder.pending()) return;
        tryLock().ifPresent(l -> {
            try (l) {
                flushJournal();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The audit history, or none when nothing was recorded yet. */
    Option<History> history() {
        try {
            return History.existing(stateDir);
        } catch (IOException e) {
            throw new CliError(Exit.FAILED, "cannot open the audit history " + stateDir + ": " + e.getMessage());
        }
    }

    /** Asks before changing anything, unless told not to or nobody can answer. */
    boolean confirmed(boolean yes, String question) {
        if (yes || !main.env.interactive()) return true;
        main.out.print(question + " Only 'yes' will be accepted: ");
        main.out.flush();
        Scanner in = new Scanner(System.in);
        return in.hasNextLine() && in.nextLine().strip().equals("yes");
    }

    /** Applies, records, prints the outcome and returns the exit code. */
    int applyAndReport(Plan plan, int protocol, Intent intent) {
        int n = plan.changes().size();
        main.out.println("Applying " + n + (n == 1 ? " change" : " changes") + " to " + target + " ...");
        Record start = record(plan, protocol, intent);
        recorder.begin(start);
        Outcome o = reconciler.apply(plan, protocol);
        if (main.verbose) o.commands().forEach(c -> main.out.println("  " + c.text()));
        lastRecorded = recorder.finish(start.finished(outcome(o.status()), o.after(),
                o.commands().map(Command::text), o.failure()));
        if (o.ok()) {
            main.out.println("Apply complete: " + plan.summary() + ". Verified: a new read of the kernel plans no changes.");
            lastRecorded.forEach(id -> main.out.println("Recorded as " + id.substring(0, 7) + " in " + stateDir + "."));
            if (intent.confirmsPending()) Confirms.supersede(this);
            return Exit.OK;
        }
        List<String> context = List.of("commands sent to the kernel: " + o.commands().size()).appendAll(o.commands().map(Command::text));
        context = context.appendAll(lastRecorded.map(id -> "recorded as " + id.substring(0, 7) + " in " + stateDir));
        if (o.status() == Outcome.Status.REVERTED) {
            throw new CliError(Exit.FAILED, "apply failed and was reverted: " + o.failure().get(),
                    context.append("the state read before apply is restored"));
        }
        throw new CliError(Exit.FAILED, "apply failed and the revert failed too: " + o.failure().get(),
                context.append("the owned state now differs from before: run `mlb plan` to see it"));
    }

    private Record record(Plan plan, int protocol, Intent intent) {
        Option<Provenance> prov = intent.specFile().flatMap(f -> intent.specText().flatMap(t -> Provenance.of(f, t)));
        return new Record(intent.kind(), intent.title() + ": " + plan.summary(), target.id(), protocol,
                Record.Outcome.INTERRUPTED, intent.specFile().map(Path::toString), intent.specText(), prov,
                plan.desired(), plan.current(), plan.current(), Commands.render(plan).map(Command::text),
                PlanText.render(plan), Option.none(), intent.rollbackOf(), Instant.now(), user(), host(),
                Version.current());
    }

    private static Record.Outcome outcome(Outcome.Status s) {
        return switch (s) {
            case UNCHANGED, APPLIED -> Record.Outcome.APPLIED;
            case REVERTED -> Record.Outcome.REVERTED;
            case FAILED -> Record.Outcome.FAILED;
        };
    }

    private static String user() {
        String u = System.getProperty("user.name", "unknown");
        String sudo = System.getenv("SUDO_USER");
        return sudo == null || sudo.isBlank() || sudo.equals(u) ? u : u + " (sudo from " + sudo + ")";
    }

    private static String host() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    void printPlan(Plan plan) {
        main.out.print(PlanText.render(plan));
    }

    static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
