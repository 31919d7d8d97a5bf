package mlb.cli;

import io.vavr.collection.List;
import mlb.apply.Lock;
import mlb.history.PendingConfirm;
import mlb.history.Watcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "confirm", mixinStandardHelpOptions = true,
        description = "Keep an apply made with --confirm: cancel its pending revert.")
final class ConfirmCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    TargetOption target;

    @Override
    public Integer call() throws IOException {
        Session s = new Session(main, target.target());
        try (Lock ignored = s.tryLock().orElseThrow(() -> new CliError(Exit.LOCKED,
                "another mlb holds the lock on " + s.target + " (pid " + mlb.apply.Lock.holder(s.lockDir()) + ")",
                List.of("if the confirm deadline is passing, its revert may be running now: see `mlb status`")))) {
            s.flushJournal();
            io.vavr.control.Option<PendingConfirm> pending = Confirms.read(s);
            if (pending.isEmpty()) {
                main.out.println("Nothing to confirm on " + s.target + ": no apply is waiting for confirmation.");
                return Exit.OK;
            }
            PendingConfirm p = pending.get();
            if (p.overdue(Instant.now())) {
                Confirms.settle(s, p, "(confirm came too late)");
                throw new CliError(Exit.FAILED, "too late: the confirm deadline passed at " + p.deadline()
                        + "; the unconfirmed apply was reverted");
            }
            Confirms.remove(s);
            Watcher.end(p.pid(), p.token());
            main.out.println("Confirmed: the apply on " + s.target + " stays"
                    + p.unconfirmed().map(r -> " (" + r.substring(0, 7) + ")").getOrElse("") + ".");
            return Exit.OK;
        }
    }
}
