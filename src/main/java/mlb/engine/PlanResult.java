package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.plan.Plan;
import mlb.proc.Target;

import java.nio.file.Path;

/**
 * What `mlb plan` found: the plan, the commands it would run (or why it cannot be written), drift since the
 * last apply, whether an earlier apply waits in the journal, and where the plan was saved.
 */
public record PlanResult(Target target, Plan plan, Either<String, List<String>> commands, Option<DriftReport> drift,
                         boolean journalPending, Option<Path> savedTo) {
}
