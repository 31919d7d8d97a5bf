package mlb.cli;

import io.vavr.collection.List;
import io.vavr.control.Validation;
import mlb.apply.Lock;
import mlb.apply.Outcome;
import mlb.apply.Reconciler;
import mlb.compile.Compiler;
import mlb.model.NetState;
import mlb.plan.Command;
import mlb.plan.Plan;
import mlb.plan.PlanText;
import mlb.proc.Target;
import mlb.spec.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Scanner;

/** One command's work on one target: planning, the lock, applying and reporting. Shared by the commands. */
final class Session {
    final Main main;
    final Target target;
    final Reconciler reconciler;

    Session(Main main, Target target) {
        this.main = main;
        this.target = target;
        this.reconciler = new Reconciler(main.env.kernel(target));
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
        return main.stateDir().resolve(target.id());
    }

    Lock lock() {
        try {
            return Lock.tryAcquire(lockDir()).orElseThrow(() -> new CliError(Exit.LOCKED,
                    "another mlb apply holds the lock on " + target + " (pid " + Lock.holder(lockDir()) + ")",
                    List.of("wait for it to finish; the lock is " + lockDir().resolve("apply.lock"))));
        } catch (IOException e) {
            throw new CliError(Exit.NOT_PERMITTED, "cannot create the lock in " + lockDir() + ": " + e.getMessage());
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

    /** Applies, prints the outcome and returns the exit code. */
    int applyAndReport(Plan plan, int protocol) {
        int n = plan.changes().size();
        main.out.println("Applying " + n + (n == 1 ? " change" : " changes") + " to " + target + " ...");
        Outcome o = reconciler.apply(plan, protocol);
        if (main.verbose) o.commands().forEach(c -> main.out.println("  " + c.text()));
        if (o.ok()) {
            main.out.println("Apply complete: " + plan.summary() + ". Verified: a new read of the kernel plans no changes.");
            return Exit.OK;
        }
        List<String> context = List.of("commands sent to the kernel: " + o.commands().size()).appendAll(o.commands().map(Command::text));
        if (o.status() == Outcome.Status.REVERTED) {
            throw new CliError(Exit.FAILED, "apply failed and was reverted: " + o.failure().get(),
                    context.append("the state read before apply is restored"));
        }
        throw new CliError(Exit.FAILED, "apply failed and the revert failed too: " + o.failure().get(),
                context.append("the owned state now differs from before: run `mlb plan` to see it"));
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
