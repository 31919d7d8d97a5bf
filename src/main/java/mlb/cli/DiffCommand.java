package mlb.cli;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.history.Entry;
import mlb.history.History;
import mlb.history.Snapshot;
import mlb.history.StateDiff;
import mlb.history.TextDiff;
import mlb.model.NetState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show how the spec and the owned state differ between two entries.",
                "With one REV: what that entry changed (from the entry before it to REV).",
                "With REV2 = live: from REV to the kernel's owned state now (--netns picks the kernel)."})
final class DiffCommand implements Callable<Integer> {
    static final String LIVE = "live";

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "REV")
    String rev;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REV2", description = "Another entry, or `live`.")
    String rev2;

    @Mixin
    TargetOption target;

    @Override
    public Integer call() throws Exception {
        Session s = new Session(main, target.target());
        try (History h = Revs.open(s)) {
            Entry a = Revs.find(h, rev);
            Snapshot to = Revs.snapshot(h, a);
            if (LIVE.equals(rev2)) return live(s, to);
            Option<Snapshot> from = rev2 == null
                    ? h.previous(a).map(p -> Revs.snapshot(h, p))
                    : Option.some(Revs.snapshot(h, Revs.find(h, rev2)));
            if (rev2 == null) print(from.map(f -> f.entry().shortId()).getOrElse("(nothing)"), from.flatMap(Snapshot::spec),
                    from.map(Snapshot::after).getOrElse(NetState.empty()), a.shortId(), to.spec(), to.after());
            else print(a.shortId(), to.spec(), to.after(), from.get().entry().shortId(), from.get().spec(), from.get().after());
            return Exit.OK;
        }
    }

    private int live(Session s, Snapshot at) {
        NetState now = s.reconciler.read(at.after(), at.protocol()).owned();
        main.out.println("Spec: the kernel has no spec; compare specs between entries instead.");
        owned(at.entry().shortId(), at.after(), LIVE + " (" + s.target + ")", now);
        return Exit.OK;
    }

    private void print(String nameA, Option<String> specA, NetState a, String nameB, Option<String> specB, NetState b) {
        String spec = TextDiff.unified(nameA + "/spec.toml", specA.getOrElse(""), nameB + "/spec.toml", specB.getOrElse(""));
        main.out.print(spec.isEmpty() ? "Spec: no differences.\n" : "Spec:\n" + spec);
        owned(nameA, a, nameB, b);
    }

    private void owned(String nameA, NetState a, String nameB, NetState b) {
        List<String> lines = StateDiff.lines(a, b);
        if (lines.isEmpty()) {
            main.out.println("Owned state (after.json): no differences between " + nameA + " and " + nameB + ".");
            return;
        }
        main.out.println("Owned state (after.json), from " + nameA + " to " + nameB + ":");
        lines.forEach(l -> main.out.println("  " + l));
    }
}
