package mlb.init;

import io.vavr.control.Either;
import mlb.engine.Refusal;
import mlb.kernel.KernelError;
import mlb.proc.SystemRunner;
import mlb.proc.Target;

/** `mlb init`'s work: read the target's uplinks and write a first spec from them. Changes nothing. */
public final class Init {
    private Init() {
    }

    /** The kernel or its tools unusable (no namespace, no iproute2, not permitted) is a refusal, as for every command. */
    public static Either<Refusal, Draft> draft(HostLinks host, Target target) {
        try {
            return Either.right(FirstSpec.write(Uplinks.find(host), host.devices().keySet(), where(target)));
        } catch (KernelError k) {
            return Either.left(Refusal.of(switch (k.reason()) {
                case MISSING_TOOL -> Refusal.Reason.MISSING_TOOL;
                case NOT_PERMITTED -> Refusal.Reason.NOT_PERMITTED;
                case FAILED -> Refusal.Reason.FAILED;
            }, k.getMessage()));
        } catch (SystemRunner.MissingProgram m) {
            return Either.left(Refusal.of(Refusal.Reason.MISSING_TOOL, m.getMessage() + ": install iproute2"));
        }
    }

    private static String where(Target target) {
        return target.netns().map(n -> "netns " + n).orElse("the host");
    }
}
