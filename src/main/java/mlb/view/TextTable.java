package mlb.view;

import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header row, a rule, the rows. A header written ">name" marks a right-aligned column. */
public final class TextTable {
    private final List<String> header = new ArrayList<>();
    private final List<Boolean> right = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        for (String h : header) {
            this.right.add(h.startsWith(">"));
            this.header.add(h.startsWith(">") ? h.substring(1) : h);
        }
    }

    public TextTable row(Object... cells) {
        if (cells.length != header.size()) throw new IllegalArgumentException("row width " + cells.length);
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(String.valueOf(c));
        rows.add(r);
        return this;
    }

    public String render(String indent) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) w[i] = Math.max(w[i], r.get(i).length());
        }
        StringBuilder s = new StringBuilder();
        line(s, indent, header, w);
        s.append(indent);
        for (int i = 0; i < w.length; i++) s.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        s.append('\n');
        for (List<String> r : rows) line(s, indent, r, w);
        return s.toString();
    }

    private void line(StringBuilder s, String indent, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder(indent);
        for (int i = 0; i < w.length; i++) {
            String c = cells.get(i);
            if (i > 0) l.append("  ");
            String pad = " ".repeat(w[i] - c.length());
            l.append(right.get(i) ? pad + c : c + pad);
        }
        s.append(l.toString().stripTrailing()).append('\n');
    }

    public static String pct(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", fraction * 100);
    }

    public static String mbit(double bitsPerSecond) {
        return String.format(java.util.Locale.ROOT, "%.1f Mbit/s", bitsPerSecond / 1e6);
    }

    /** 12.3 MB, 4.1 kB, 17 B: counters at a glance (decimal units, as the link rates are). */
    public static String bytes(long n) {
        if (n < 1000) return n + " B";
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public static String seconds(double ms) {
        return String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000.0);
    }
}
