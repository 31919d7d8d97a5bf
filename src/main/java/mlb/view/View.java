package mlb.view;

import mlb.engine.ApplyResult;
import mlb.engine.Compared;
import mlb.engine.ConfirmResult;
import mlb.engine.HistoryResult;
import mlb.engine.Listener;
import mlb.engine.PlanResult;
import mlb.engine.Refusal;
import mlb.engine.Shown;
import mlb.engine.Status;
import mlb.engine.WatchResult;
import mlb.spec.Spec;

import java.nio.file.Path;

/**
 * How a command shows its progress and its result, in the manner of Terraform's views: one interface, a
 * human and a JSON implementation, picked by the command (`--json`). Results go to stdout, problems to stderr.
 */
public interface View {
    /** Progress while an operation runs. */
    Listener events();

    void refused(Refusal r);

    void validated(Path file, Spec spec);

    void plan(PlanResult r);

    void apply(ApplyResult r);

    /**
     * An interrupt came when the apply (destroy, rollback) that ended as r could no longer stop: what the kernel
     * holds, after r itself was shown. An interrupted, reverted or failed r has said so itself.
     */
    void interruptAfter(ApplyResult r);

    void confirm(ConfirmResult r);

    void watch(WatchResult r);

    void status(Status s);

    void history(HistoryResult h);

    void show(Shown s);

    void diff(Compared c);
}
