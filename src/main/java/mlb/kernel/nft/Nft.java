package mlb.kernel.nft;

import mlb.proc.Runner;
import mlb.proc.Target;

/**
 * How mlb runs nftables: `nft` as a process in the target's namespace, or libnftables inside a long-running mlb
 * that already runs there ({@link LibNftables}). Results as a process's: exit code, output, errors.
 */
public interface Nft {
    /** `nft -j list ruleset`. */
    Runner.Result listRuleset();

    /** `nft -f -` with script on stdin: one transaction. */
    Runner.Result apply(String script);

    /** `nft -c -f -`: the kernel checks the transaction and aborts it; nothing changes, nothing is announced. */
    Runner.Result check(String script);

    static Nft process(Runner runner, Target target) {
        return new Nft() {
            @Override
            public Runner.Result listRuleset() {
                return runner.run(target.exec("nft", "-j", "list", "ruleset"));
            }

            @Override
            public Runner.Result apply(String script) {
                return runner.run(target.exec("nft", "-f", "-"), script);
            }

            @Override
            public Runner.Result check(String script) {
                return runner.run(target.exec("nft", "-c", "-f", "-"), script);
            }
        };
    }
}
