package mlb.plan;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import mlb.model.Foreign;
import mlb.model.KernelObject;
import mlb.model.Kind;
import mlb.model.NetState;
import mlb.model.ObjectKey;
import mlb.model.Observed;
import mlb.model.Rule;
import mlb.model.Scope;
import mlb.spec.Code;
import mlb.spec.Diagnostic;

/** Turns one read of the kernel and a desired state into a plan, refusing to take over foreign objects. */
public final class Planner {
    private Planner() {
    }

    public static Validation<List<Diagnostic>, Plan> plan(Observed observed, NetState desired, Scope scope, List<String> notes) {
        Foreign f = observed.foreign();
        List<Diagnostic> conflicts = f.colliding().isEmpty() && f.odd().isEmpty() ? List.empty() : desired.objects().iterator()
                .filter(e -> e._1.kind() != Kind.RULE)
                .flatMap(e -> colliding(f, e._1, e._2).map(Planner::conflict).orElse(() -> odd(f, e._1, e._2)))
                .toList();
        if (!conflicts.isEmpty()) return Validation.invalid(conflicts);
        List<String> shadowing = List.ofAll(desired.all(Rule.class)).flatMap(r -> f.colliding().get(r.key()).map(theirs ->
                "a rule that is not mlb's (protocol " + ((Rule) theirs).protocol() + ") has the priority and selector of"
                        + " one of mlb's: " + Describe.of(theirs) + "; the kernel consults whichever was added first"
                        + " (remove it, or move mlb with priority_base)"));
        return Validation.valid(Plan.of(observed.owned(), desired, notes.appendAll(foreignNote(f)).appendAll(shadowing), scope));
    }

    /** The foreign object with the identity o wants; nexthops and groups share one id space in the kernel. */
    private static Option<KernelObject> colliding(Foreign f, ObjectKey key, KernelObject o) {
        Option<KernelObject> same = f.colliding().get(key);
        if (same.isDefined() || o.kind() != Kind.NEXTHOP && o.kind() != Kind.GROUP) return same;
        Kind other = o.kind() == Kind.NEXTHOP ? Kind.GROUP : Kind.NEXTHOP;
        return f.colliding().get(new ObjectKey(other, key.id()));
    }

    /** An object of a shape mlb does not read has the identity o wants. */
    private static Option<Diagnostic> odd(Foreign f, ObjectKey key, KernelObject o) {
        Option<String> same = f.odd().get(key);
        if (same.isEmpty() && (o.kind() == Kind.NEXTHOP || o.kind() == Kind.GROUP)) {
            same = f.odd().get(new ObjectKey(o.kind() == Kind.NEXTHOP ? Kind.GROUP : Kind.NEXTHOP, key.id()));
        }
        return same.map(theirs -> problem(Code.FOREIGN_ODD, o.kind().label() + " " + Describe.of(o)
                + " cannot be made: the kernel already has `" + theirs + "` there, in a form mlb does not make"));
    }

    private static Diagnostic conflict(KernelObject theirs) {
        return problem(Code.FOREIGN_HOLDS, theirs.kind().label() + " " + Describe.of(theirs) + " already exists and is not mlb's");
    }

    /** An object that is not mlb's where the plan needs one of its own: no place in the spec, but a fix. */
    private static Diagnostic problem(Code code, String message) {
        return Diagnostic.unplaced(code, "", message, "remove it, or move mlb elsewhere with table_base or table in the spec");
    }

    private static List<String> foreignNote(Foreign f) {
        if (f.total() == 0) return List.empty();
        String tables = f.nftTables() == 0 ? "" : ", " + count(f.nftTables(), "nftables table");
        return List.of("left alone (not mlb's): " + count(f.rules(), "rule") + ", " + count(f.routes(), "route")
                + " in owned tables, " + count(f.nexthops(), "nexthop") + tables);
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
