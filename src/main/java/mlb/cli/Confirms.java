package mlb.cli;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.history.PendingConfirm;
import mlb.history.Record;
import mlb.history.Watcher;
import mlb.plan.Plan;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Commit-confirmed: an apply made with --confirm is reverted to the state before it unless `mlb confirm`
 * runs in time. A detached watcher process does the revert at the deadline; if it is gone (killed, reboot),
 * the next mlb run on the target does it, so an unconfirmed apply never outlives its deadline unnoticed.
 */
final class Confirms {
    private Confirms() {
    }

    static Option<PendingConfirm> read(Session s) {
        try {
            return PendingConfirm.read(s.stateDir, s.target.id());
        } catch (IOException e) {
            throw new CliError(Exit.FAILED, "cannot read " + PendingConfirm.file(s.stateDir, s.target.id()) + ": " + e.getMessage());
        }
    }

    /**
     * Starts (or restarts) the countdown after an apply with --confirm. A pending confirm already there keeps
     * the state it returns to: the last confirmed one.
     */
    static void arm(Session s, Duration wait, Plan applied, int protocol) {
        Option<PendingConfirm> old = read(s);
        PendingConfirm base = old.getOrElse(() -> new PendingConfirm(Instant.EPOCH, 0, "", protocol,
                applied.current(), s.lastRecorded));
        String token = UUID.randomUUID().toString();
        Instant deadline = Instant.now().plus(wait);
        long pid = spawn(s, deadline, token);
        try {
            base.withWatcher(pid, token, deadline).write(s.stateDir, s.target.id());
        } catch (IOException e) {
            Watcher.end(pid, token);
            throw new CliError(Exit.FAILED, "cannot write the pending confirm: " + e.getMessage(),
                    List.of("the apply stays and will not be reverted by itself"));
        }
        old.forEach(o -> Watcher.end(o.pid(), o.token()));
        String at = LocalTime.ofInstant(deadline, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
        s.main.out.println("Confirm by " + at + " (" + human(wait) + "): run `mlb confirm" + netnsArg(s)
                + "`, or mlb reverts to the state before " + (old.isDefined() ? "the unconfirmed applies." : "this apply."));
    }

    private static long spawn(Session s, Instant deadline, String token) {
        List<String> args = List.of("--state", s.stateDir.toAbsolutePath().toString(), "confirm-watch",
                "--deadline", String.valueOf(deadline.toEpochMilli()), "--token", token);
        args = args.appendAll(s.target.netns().map(n -> List.of("--netns", n)).orElse(List.empty()));
        try {
            return Watcher.spawn(args.asJava(), s.lockDir().resolve("confirm-watch.log"));
        } catch (IOException e) {
            s.main.err.println("mlb: warning: cannot start the confirm watcher: " + e.getMessage()
                    + "; the revert happens at the first mlb run on " + s.target + " after the deadline");
            return 0;
        }
    }

    /** A deliberate new change confirms the apply that was waiting (its revert would undo this one too). */
    static void supersede(Session s) {
        read(s).forEach(p -> {
            remove(s);
            Watcher.end(p.pid(), p.token());
            s.main.out.println("Note: this also confirms the apply that was waiting for `mlb confirm`.");
        });
    }

    /** Honours a deadline that passed while no watcher was left to act on it. */
    static void settleAbandoned(Session s) {
        read(s).filter(p -> p.overdue(Instant.now()) && !Watcher.isWatcher(p.pid(), p.token()))
                .forEach(p -> settle(s, p, "and its watcher is gone"));
    }

    /** Reverts to the state before the unconfirmed apply; the caller holds the lock. */
    static int settle(Session s, PendingConfirm p, String why) {
        s.main.out.println("The apply on " + s.target + " was not confirmed by " + p.deadline() + " " + why
                + ": reverting to the state before it.");
        try {
            Plan plan = s.plan(p.returnTo(), p.protocol(), List.empty());
            s.printPlan(plan);
            if (plan.isEmpty()) return Exit.OK;
            String what = p.unconfirmed().map(r -> " " + r.substring(0, 7)).getOrElse("");
            return s.applyAndReport(plan, p.protocol(), Intent.of(Record.Kind.REVERT, "revert unconfirmed apply" + what));
        } finally {
            remove(s);
        }
    }

    static void remove(Session s) {
        try {
            PendingConfirm.remove(s.stateDir, s.target.id());
        } catch (IOException e) {
            throw new CliError(Exit.FAILED, "cannot remove the pending confirm: " + e.getMessage());
        }
    }

    static String netnsArg(Session s) {
        return s.target.netns().map(n -> " --netns " + n).orElse("");
    }

    static String human(Duration d) {
        long sec = d.toSeconds();
        if (sec >= 3600 && sec % 3600 == 0) return sec / 3600 + "h";
        if (sec >= 60 && sec % 60 == 0) return sec / 60 + "m";
        return sec + "s";
    }

    /** `90s`, `2m`, `1h`, `1m30s`: how long an apply waits for `mlb confirm`. */
    static Duration parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(h|m|s)").matcher(text);
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            end = m.end();
        }
        if (end != text.length() || text.isEmpty() || d.compareTo(Duration.ofSeconds(1)) < 0 || d.toHours() > 24) {
            throw new IllegalArgumentException("'" + text + "' is not a confirm time between 1s and 24h (write e.g. 90s, 2m, 1h)");
        }
        return d;
    }
}
