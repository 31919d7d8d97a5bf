package mlb.plan;

import mlb.model.Change;
import mlb.model.NftChain;

/**
 * The one renderer of a change as a line of text. Plans, drift ("changed outside mlb") and `mlb diff` word it
 * differently, so the wording is a parameter, not a second renderer.
 */
public enum ChangeLine {
    /** A plan: symbol column, then the old object on a line of its own. */
    PLAN,
    /** The kernel against the recorded state: what was made or lost outside mlb. */
    DRIFT,
    /** One recorded state against another. */
    DIFF;

    public String of(Change c) {
        return c.match(cr -> created(Describe.of(cr.after())),
                u -> u.after() instanceof NftChain after && this == PLAN
                        ? String.format("  %-3s %s%s%n", u.symbol(), NftDescribe.header(after), NftDescribe.rulesChanged((NftChain) u.before(), after))
                        : changed(u.symbol(), Describe.of(u.after()), Describe.of(u.before()), false),
                r -> changed(r.symbol(), Describe.of(r.after()), Describe.of(r.before()), r.recreated()),
                d -> deleted(Describe.of(d.before())));
    }

    private String created(String after) {
        return switch (this) {
            case PLAN -> head("+", after) + "\n";
            case DRIFT -> "+ " + after + "   (not in the recorded state)";
            case DIFF -> "+ " + after;
        };
    }

    private String deleted(String before) {
        return switch (this) {
            case PLAN -> head("-", before) + "\n";
            case DRIFT -> "- " + before + "   (recorded, now missing)";
            case DIFF -> "- " + before;
        };
    }

    private String changed(String symbol, String after, String before, boolean recreated) {
        return switch (this) {
            case PLAN -> planChanged(symbol, after, before, recreated);
            case DRIFT -> "~ " + after + "   (recorded: " + before + ")";
            case DIFF -> "~ " + after + "   (was: " + before + ")";
        };
    }

    private static String planChanged(String symbol, String after, String before, boolean recreated) {
        if (recreated) return head(symbol, after) + "   (recreated: its group is replaced)\n";
        String was = symbol.equals("~") ? "was" : "replaces";
        return head(symbol, after) + String.format("%n        (%s: %s)%n", was, before);
    }

    private static String head(String symbol, String description) {
        return String.format("  %-3s %s", symbol, description);
    }
}
