package mlb.view;

import mlb.engine.Shown;
import mlb.history.Entry;

import java.io.PrintStream;

/**
 * `mlb show REV`: the entry's id and date, its message (whose trailers say its outcome, target and the rest),
 * then the spec as applied, the plan and the commands run.
 */
final class ShowText {
    private final PrintStream out;

    ShowText(PrintStream out) {
        this.out = out;
    }

    void render(Shown s) {
        Entry e = s.entry();
        out.println("entry " + e.id());
        out.println("Date:    " + Lines.date(e.time()));
        out.println();
        out.print(s.message().indent(4));
        section("Spec (spec.toml)", s.snapshot().spec().getOrElse("(none: this entry applied no spec)\n"));
        section("Plan (plan.txt)", s.snapshot().file("plan.txt").getOrElse(""));
        String commands = s.snapshot().file("commands.txt").getOrElse("");
        section("Commands run (commands.txt)", commands.isEmpty() ? "(none)\n" : commands);
    }

    private void section(String title, String body) {
        out.println();
        out.println("--- " + title);
        out.print(body.endsWith("\n") || body.isEmpty() ? body : body + "\n");
    }
}
