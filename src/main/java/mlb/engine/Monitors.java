package mlb.engine;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import mlb.history.MonitorView;
import mlb.spec.Link;
import mlb.spec.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * What a running `mlb monitor` says about a target's links, as plans by a person see it: links it took out stay
 * out (a person's apply never puts a dead link back), and the plan says why. A view left by a monitor that is no
 * longer running is ignored, with a note: nobody would put those links back once they recover.
 */
final class Monitors {
    private Monitors() {
    }

    /** The links to balance over (none: all of them) and what to tell the person about it. */
    record Balancing(Option<Set<String>> links, List<String> notes) {
        static final Balancing ALL = new Balancing(Option.none(), List.empty());
    }

    static Balancing balancing(Session s, Spec spec) {
        Option<MonitorView> view = view(s);
        if (view.isEmpty()) return Balancing.ALL;
        MonitorView v = view.get();
        if (!running(v.pid())) {
            return new Balancing(Option.none(), List.of("the link states " + MonitorView.file(s.stateDir(), s.target.id())
                    + " holds are from mlb monitor pid " + v.pid() + ", which is not running: ignored"));
        }
        Set<String> names = TreeSet.ofAll(spec.links().map(Link::name));
        Set<String> unknownToIt = names.removeAll(v.links().map(MonitorView.LinkView::name));
        Set<String> in = v.balancing().intersect(names).union(unknownToIt);
        List<String> notes = List.ofAll(names.removeAll(in)).map(n -> outNote(v, n));
        return new Balancing(Option.some(in), notes);
    }

    /** A date a person reads in a note, as the views write theirs (`2026-12-01 11:28:45 UTC`), not an instant to the ns. */
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private static String outNote(MonitorView v, String link) {
        return v.link(link).map(l -> link + " stays out of the balancing: mlb monitor (pid " + v.pid() + ") has it "
                + l.state() + " since " + SINCE.format(l.since()) + " (" + l.reason() + ")")
                .getOrElse(link + " stays out of the balancing");
    }

    /**
     * A running monitor follows one spec file and makes the kernel match it at its next kernel check (once a
     * minute): an apply of another spec would be undone within a minute, recorded as the monitor's. It is refused
     * instead (75, like a second monitor), naming the file to change: the monitor reloads it (after the host checks
     * of `mlb plan`). A spec with the same text as the followed file is no other spec, wherever it lies.
     */
    static Option<Refusal> otherSpec(Session s, Option<Path> file, String text) {
        Option<MonitorView> view = view(s).filter(v -> running(v.pid()) && v.pid() != ProcessHandle.current().pid());
        if (view.isEmpty()) return Option.none();
        Path followed = Path.of(view.get().specFile()).toAbsolutePath().normalize();
        if (file.exists(f -> f.toAbsolutePath().normalize().equals(followed)) || sameText(followed, text)) return Option.none();
        return Option.some(Refusal.of(Refusal.Reason.LOCKED, "mlb monitor (pid " + view.get().pid() + ") follows " + followed
                + " on " + s.target + ": it would undo an apply of " + file.map(Path::toString).getOrElse("another spec")
                + " at its next kernel check", List.of("nothing was changed",
                "change " + followed + " instead: the monitor reloads it (after the host checks a plan makes)",
                "or stop the monitor first (kill " + view.get().pid() + "), then apply")));
    }

    private static boolean sameText(Path followed, String text) {
        try {
            return java.nio.file.Files.readString(followed).equals(text);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A rollback writes a recorded state, not the monitor's view: a running monitor puts its view back at its next
     * kernel check. Said in the rollback's plan, so the person asked knows before answering.
     */
    static List<String> overRollback(Session s) {
        return view(s).filter(v -> running(v.pid())).map(v -> "mlb monitor (pid " + v.pid() + ") runs on " + s.target
                + " and follows " + v.specFile() + " (balancing over " + (v.balancing().isEmpty() ? "no link"
                : v.balancing().mkString(", ")) + "): within a minute, at its next kernel check, it writes that back"
                + " over this rollback; to keep the rolled-back state, stop the monitor or roll its spec file back too").toList();
    }

    static Option<MonitorView> view(Session s) {
        try {
            return MonitorView.read(s.stateDir(), s.target.id());
        } catch (IOException | RuntimeException e) {
            s.events.on(new Event.Warning("cannot read " + MonitorView.file(s.stateDir(), s.target.id()) + ": " + e.getMessage()));
            return Option.none();
        }
    }

    /** A monitor is this very process, or a live process whose command line is mlb's monitor (pids get reused). */
    static boolean running(long pid) {
        if (pid == ProcessHandle.current().pid()) return true;
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isPresent() && p.get().isAlive()
                && p.get().info().commandLine().map(c -> c.contains(" monitor")).orElse(false);
    }
}
