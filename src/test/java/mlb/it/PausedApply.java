package mlb.it;

import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.engine.Engine;
import mlb.engine.Listener;
import mlb.engine.Refusal;
import mlb.engine.Workspace;
import mlb.proc.Target;
import mlb.spec.SpecParser;

import java.nio.file.Path;

/**
 * Run in a child JVM by TwoStatesIT: a real apply (the system workspace, so the machine's lock directory) that
 * stops at its approval, holding the target's lock, until stdin closes; then it applies. Prints `waiting`, then
 * `outcome: …`. Args: STATE_DIR NETNS SPEC.
 */
public final class PausedApply {
    private PausedApply() {
    }

    public static void main(String[] args) {
        Path spec = Path.of(args[2]);
        Engine engine = new Engine(Workspace.system(Path.of(args[0])), Target.netns(args[1]), new Listener.Quiet());
        var result = engine.apply(SpecParser.parse(spec).get(), spec, Option.none(), (plan, question) -> {
            System.out.println("waiting");
            System.out.flush();
            try {
                while (System.in.read() >= 0) {
                    // the parent closes our stdin to let the apply go on
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return true;
        });
        System.out.println("outcome: " + result.fold(Refusal::message, r -> r.outcome().toString()));
        System.exit(result.isRight() && result.get().outcome() == ApplyResult.Outcome.APPLIED ? 0 : 1);
    }
}
