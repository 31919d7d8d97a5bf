package mlb.lab;

import java.io.PrintWriter;

/** Progress output of the long lab commands: numbered headings, indented detail, timings. */
final class Console {
    private final PrintWriter out;
    private final int steps;
    private int step;
    private long started;

    Console(PrintWriter out, int steps) {
        this.out = out;
        this.steps = steps;
    }

    void title(String text) {
        out.println(text);
        out.println("=".repeat(text.length()));
        out.flush();
    }

    void heading(String text) {
        step++;
        out.println();
        out.println("[" + step + "/" + steps + "] " + text);
        out.flush();
    }

    void line(String text) {
        out.println("    " + text);
        out.flush();
    }

    void block(String text) {
        text.lines().forEach(this::line);
    }

    /** Starts a timed action: prints "    text ..." and waits for done(). */
    void begin(String text) {
        started = System.nanoTime();
        out.print("    " + text + " ... ");
        out.flush();
    }

    void done(String result) {
        out.printf(java.util.Locale.ROOT, "%s (%.1f s)%n", result, (System.nanoTime() - started) / 1e9);
        out.flush();
    }

    void raw(String text) {
        out.print(text);
        out.flush();
    }
}
