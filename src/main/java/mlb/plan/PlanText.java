package mlb.plan;

import io.vavr.collection.List;
import mlb.model.Change;
import mlb.model.Kind;

import java.util.LinkedHashSet;
import java.util.Set;

/** The human plan: changes grouped by kind, a legend of the symbols used, and a closing count. */
public final class PlanText {
    private PlanText() {
    }

    /** A plan towards a spec (or a recorded state). */
    public static String render(Plan plan) {
        return render(plan, "No changes. The kernel matches the spec.");
    }

    /** A plan, saying nothingToDo when it is empty. */
    public static String render(Plan plan, String nothingToDo) {
        StringBuilder s = new StringBuilder();
        plan.notes().forEach(n -> s.append("Note: ").append(n).append('\n'));
        if (!plan.notes().isEmpty()) s.append('\n');
        if (plan.isEmpty()) return s.append(nothingToDo).append('\n').toString();
        for (Kind kind : Kind.values()) {
            List<Change> ofKind = plan.changes().filter(c -> c.key().kind() == kind);
            if (ofKind.isEmpty()) continue;
            s.append(heading(kind)).append(":\n");
            ofKind.forEach(c -> s.append(ChangeLine.PLAN.of(c)));
            s.append('\n');
        }
        s.append(legend(plan.changes())).append('\n');
        return s.append("Plan: ").append(plan.summary()).append(".\n").toString();
    }

    private static String heading(Kind kind) {
        return switch (kind) {
            case SYSCTL -> "Kernel settings";
            case NEXTHOP -> "Nexthops";
            case GROUP -> "Nexthop groups";
            case ROUTE -> "Routes";
            case RULE -> "Rules";
            case NFT_TABLE -> "Nftables table";
            case NFT_HELPER -> "Nftables conntrack helpers";
            case NFT_SET -> "Nftables sets and maps";
            case NFT_CHAIN -> "Nftables chains";
            case NFT_ELEMENT -> "Nftables elements";
        };
    }

    private static String legend(List<Change> changes) {
        Set<String> used = new LinkedHashSet<>();
        for (String sym : new String[]{"+", "~", "-/+", "-"}) {
            if (changes.exists(c -> c.symbol().equals(sym))) used.add(sym + " " + meaning(sym));
        }
        return "Symbols: " + String.join(", ", used);
    }

    private static String meaning(String symbol) {
        return switch (symbol) {
            case "+" -> "create";
            case "~" -> "update in place";
            case "-/+" -> "delete and create again";
            default -> "destroy";
        };
    }
}
