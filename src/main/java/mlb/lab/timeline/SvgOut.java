package mlb.lab.timeline;

import java.util.List;
import java.util.Locale;

/** The SVG text being written, with the looks the timeline and its legend share. */
final class SvgOut {
    /** Average width of a character at 11 px: to keep labels apart and wrap the legend. */
    static final double CHAR = 6.3;
    static final String OK = "#9e9e9e";
    static final String DELAYED = "#f28e2b";
    static final String FAILED = "#e15759";
    private static final String[] LINK_COLOURS = {"#4e79a7", "#b07aa1", "#76b7b2", "#9c755f", "#ff9da7", "#bab0ac",
            "#d37295", "#86bcb6"};

    private final StringBuilder out = new StringBuilder();

    /** An element (or anything) from a format, numbers written with a '.' whatever the locale. */
    SvgOut add(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args));
        return this;
    }

    void text(double x, double y, String anchor, String attributes, String text) {
        add("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n", x, y, anchor,
                attributes.isEmpty() ? "" : " " + attributes, esc(text));
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** A link's colour follows its place among the links (then among the other series). */
    static String colour(List<String> links, List<String> others, String link) {
        int i = links.indexOf(link);
        if (i < 0) i = links.size() + others.indexOf(link);
        return LINK_COLOURS[Math.floorMod(i, LINK_COLOURS.length)];
    }

    static String colour(Timeline.Kind kind) {
        return switch (kind) {
            case CUT -> FAILED;
            case HEAL -> "#59a14f";
            case VERDICT, WRITTEN -> "#333";
        };
    }

    /** An event's line: the cut and the heal solid, the monitor's verdict dashed, its kernel write dotted. */
    static String style(Timeline.Kind kind) {
        String dash = switch (kind) {
            case CUT, HEAL -> "";
            case VERDICT -> " stroke-dasharray=\"6,3\"";
            case WRITTEN -> " stroke-dasharray=\"2,2\"";
        };
        boolean ends = kind == Timeline.Kind.CUT || kind == Timeline.Kind.HEAL;
        return "stroke=\"" + colour(kind) + "\" stroke-width=\"" + (ends ? "2" : "1.5") + "\"" + dash;
    }

    /** 1, 2 or 5 times a power of ten, so that at most `ticks` steps cover span. */
    static double niceStep(double span, int ticks) {
        double raw = span / ticks;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5}) {
            if (m * p >= raw) return m * p;
        }
        return 10 * p;
    }

    static String number(double v) {
        return String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.1f", v);
    }

    /** Text as XML character data or attribute value; control characters XML cannot hold become spaces. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
