package mlb.monitor.hook;

import java.time.Duration;

/** How a hook run ended. Output is what the hook printed, each stream cut at {@link ProcessHooks#CAPTURE} bytes. */
public sealed interface HookOutcome {
    record Exited(int code, Duration took, String stdout, String stderr) implements HookOutcome {
        public boolean ok() {
            return code == 0;
        }
    }

    /** Still running at its timeout, so it was killed (SIGKILL to its pid). */
    record TimedOut(Duration after, String stdout, String stderr) implements HookOutcome {
    }

    /**
     * Made stale before it finished (why: superseded by a newer event of its link, or the monitor stopped): not
     * started (after zero), or killed after that long, with what it had printed on stderr.
     */
    record Dropped(String why, Duration after, String stderr) implements HookOutcome {
        public boolean killed() {
            return !after.isZero();
        }
    }

    /** It never ran: no such program, not executable, or the monitor is shutting down. */
    record NotStarted(String reason) implements HookOutcome {
    }
}
