package mlb.lab.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A Timeline as one self-contained SVG document (no scripts, fonts or links, so a browser and GitHub's image view
 * both show it): throughput per link on top, below it a lane per link with a mark per new connection (and a lane
 * of the failed ones), the events as vertical lines across both, the cut shaded until the heal, an axis in
 * seconds after the cut and a legend. Times outside the timeline's window are left out, so every mark lies
 * inside the plot.
 */
public final class SvgTimeline {
    static final int WIDTH = 960;
    static final int LEFT = 90;
    static final int RIGHT = WIDTH - 30;
    private static final int CHART = 170;
    private static final int LANE = 20;
    private static final int LABEL_ROW = 14;
    private static final double CHAR = 6.3; // average width of a character at 11 px, to keep labels apart
    private static final String[] LINK_COLOURS = {"#4e79a7", "#b07aa1", "#76b7b2", "#9c755f", "#ff9da7", "#bab0ac",
            "#d37295", "#86bcb6"};
    private static final String OK = "#9e9e9e";
    private static final String DELAYED = "#f28e2b";
    private static final String FAILED = "#e15759";
    static final String FAILED_LANE = "failed";

    private final Timeline t;
    private final StringBuilder out = new StringBuilder();

    private SvgTimeline(Timeline t) {
        this.t = t;
    }

    public static String render(Timeline t) {
        return new SvgTimeline(t).document();
    }

    /** The x coordinate of a time (ms after the origin), inside the window. */
    static double x(Timeline t, double ms) {
        return LEFT + (ms - t.fromMs()) / (t.toMs() - t.fromMs()) * (RIGHT - LEFT);
    }

    private double x(double ms) {
        return x(t, ms);
    }

    private boolean inside(double ms) {
        return ms >= t.fromMs() && ms <= t.toMs();
    }

    private String document() {
        List<Label> labels = labels();
        int rows = labels.stream().mapToInt(Label::row).max().orElse(-1) + 1;
        int top = 40 + rows * LABEL_ROW + 10;
        boolean chart = t.throughput().stream().anyMatch(s -> s.samples().stream().anyMatch(p -> inside(p.atMs())));
        int lanesTop = chart ? top + CHART + 30 : top + 16;
        List<String> lanes = lanes();
        int bottom = lanesTop + lanes.size() * LANE;
        int legendTop = bottom + 48;
        int height = legendTop + legendRows() * 20 + 10;
        open(height);
        shade(top, bottom);
        if (chart) chart(top);
        lanes(lanes, lanesTop);
        axis(top, bottom);
        events(labels, top, bottom);
        legend(legendTop);
        out.append("</svg>\n");
        return out.toString();
    }

    private void open(int height) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        out.append("<title>").append(esc(t.title())).append("</title>\n");
        out.append("<defs><path id=\"cross\" d=\"M-3.5,-3.5L3.5,3.5M-3.5,3.5L3.5,-3.5\" stroke=\"").append(FAILED)
                .append("\" stroke-width=\"2\"/></defs>\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(LEFT, 22, "start", "font-size=\"15\" font-weight=\"bold\"", t.title());
    }

    /** The time the line was cut, from each cut to the next heal (or the window's end). */
    private void shade(int top, int bottom) {
        List<Timeline.Event> cuts = of(Timeline.Kind.CUT);
        for (Timeline.Event c : cuts) {
            double to = of(Timeline.Kind.HEAL).stream().mapToDouble(Timeline.Event::atMs).filter(h -> h >= c.atMs())
                    .min().orElse(t.toMs());
            double from = Math.max(c.atMs(), t.fromMs());
            to = Math.min(to, t.toMs());
            if (to <= from) continue;
            out.append(String.format(Locale.ROOT, "<rect class=\"cut-span\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"%s\" fill-opacity=\"0.08\"/>%n", x(from), top, x(to) - x(from), bottom - top, FAILED));
        }
    }

    private List<Timeline.Event> of(Timeline.Kind kind) {
        return t.events().stream().filter(e -> e.kind() == kind).toList();
    }

    private void chart(int top) {
        double max = t.throughput().stream().flatMap(s -> s.samples().stream()).filter(p -> inside(p.atMs()))
                .mapToDouble(Timeline.Sample::bitsPerSecond).max().orElse(0) / 1e6;
        double step = niceStep(Math.max(max, 1), 5);
        double scale = Math.ceil(Math.max(max, 1) / step) * step;
        text(LEFT, top - 6, "start", "fill=\"#555\"", "throughput per link, Mbit/s");
        for (double v = 0; v <= scale + 1e-9; v += step) {
            double y = top + CHART - v / scale * CHART;
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n",
                    LEFT, y, RIGHT, y));
            text(LEFT - 6, y + 4, "end", "fill=\"#555\"", number(v));
        }
        for (Timeline.Series s : t.throughput()) {
            String points = s.samples().stream().filter(p -> inside(p.atMs()))
                    .map(p -> String.format(Locale.ROOT, "%.1f,%.1f", x(p.atMs()), top + CHART - p.bitsPerSecond() / 1e6 / scale * CHART))
                    .collect(Collectors.joining(" "));
            if (points.isEmpty()) continue;
            out.append("<polyline class=\"series\" points=\"").append(points).append("\" fill=\"none\" stroke=\"")
                    .append(colour(s.link())).append("\" stroke-width=\"1.5\"><title>").append(esc(s.link()))
                    .append("</title></polyline>\n");
        }
        frame(top, top + CHART);
    }

    private void frame(int top, int bottom) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, top, RIGHT - LEFT, bottom - top));
    }

    /** The links in their order, any other source the attempts name, and the failed ones last. */
    private List<String> lanes() {
        List<String> lanes = new ArrayList<>(t.links());
        for (Timeline.Attempt a : t.attempts()) {
            if (a.outcome() != Timeline.Outcome.FAILED && !lanes.contains(lane(a))) lanes.add(lane(a));
        }
        lanes.add(FAILED_LANE);
        return lanes;
    }

    private static String lane(Timeline.Attempt a) {
        if (a.outcome() == Timeline.Outcome.FAILED) return FAILED_LANE;
        return a.link().isEmpty() ? "(no source)" : a.link();
    }

    private void lanes(List<String> lanes, int top) {
        text(LEFT, top - 6, "start", "fill=\"#555\"", "new connections, by the link they took");
        for (int i = 0; i < lanes.size(); i++) {
            double y = top + i * LANE + LANE / 2.0;
            text(LEFT - 6, y + 4, "end", "", lanes.get(i));
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    LEFT, y, RIGHT, y));
        }
        for (Timeline.Attempt a : t.attempts()) {
            if (!inside(a.atMs())) continue;
            double y = top + lanes.indexOf(lane(a)) * LANE + LANE / 2.0;
            mark(a, x(a.atMs()), y);
        }
        frame(top, top + lanes.size() * LANE);
    }

    private void mark(Timeline.Attempt a, double x, double y) {
        String title = String.format(Locale.ROOT, "%+.2f s: %s%s, %.0f ms%s", a.atMs() / 1000, a.outcome().name().toLowerCase(Locale.ROOT),
                a.link().isEmpty() ? "" : " via " + a.link(), a.tookMs(), a.why().isEmpty() ? "" : " (" + a.why() + ")");
        switch (a.outcome()) {
            case OK -> out.append(String.format(Locale.ROOT, "<circle class=\"attempt ok\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\">",
                    x, y, OK));
            case DELAYED -> {
                double end = x(Math.min(a.atMs() + Math.max(0, a.tookMs()), t.toMs()));
                out.append(String.format(Locale.ROOT, "<line class=\"attempt-took\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        + "stroke=\"%s\" stroke-width=\"1.5\"/>%n", x, y, end, y, DELAYED));
                out.append(String.format(Locale.ROOT, "<circle class=\"attempt delayed\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">",
                        x, y, DELAYED));
            }
            case FAILED -> out.append(String.format(Locale.ROOT, "<use class=\"attempt failed\" href=\"#cross\" xlink:href=\"#cross\" "
                    + "x=\"%.1f\" y=\"%.1f\">", x, y));
        }
        out.append("<title>").append(esc(title)).append("</title>");
        out.append(a.outcome() == Timeline.Outcome.FAILED ? "</use>\n" : "</circle>\n");
    }

    private void axis(int top, int bottom) {
        double span = (t.toMs() - t.fromMs()) / 1000;
        double step = niceStep(span, 15);
        for (double s = Math.ceil(t.fromMs() / 1000 / step) * step; s * 1000 <= t.toMs() + 1e-6; s += step) {
            double x = x(s * 1000);
            out.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\" "
                    + "stroke-dasharray=\"1,3\"/>%n", x, top, x, bottom + 4));
            text(x, bottom + 16, "middle", "", Math.abs(s) < 1e-9 ? "0" : number(s));
        }
        text((LEFT + RIGHT) / 2.0, bottom + 32, "middle", "fill=\"#555\"", "seconds after the cut");
    }

    private void events(List<Label> labels, int top, int bottom) {
        for (Label l : labels) {
            Timeline.Event e = l.event();
            double x = x(e.atMs());
            int y = 40 + l.row() * LABEL_ROW;
            out.append(String.format(Locale.ROOT, "<line class=\"event %s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" %s/>%n",
                    kindClass(e.kind()), x, y + 3, x, bottom, style(e.kind())));
            text(l.anchorStart() ? x + 3 : x - 3, y, l.anchorStart() ? "start" : "end", "fill=\"" + colour(e.kind()) + "\"", e.label());
        }
    }

    private static String kindClass(Timeline.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String colour(Timeline.Kind kind) {
        return switch (kind) {
            case CUT -> FAILED;
            case HEAL -> "#59a14f";
            case VERDICT, WRITTEN -> "#333";
        };
    }

    private static String style(Timeline.Kind kind) {
        String dash = switch (kind) {
            case CUT, HEAL -> "";
            case VERDICT -> " stroke-dasharray=\"6,3\"";
            case WRITTEN -> " stroke-dasharray=\"2,2\"";
        };
        return "stroke=\"" + colour(kind) + "\" stroke-width=\"" + (kind == Timeline.Kind.CUT || kind == Timeline.Kind.HEAL ? 2 : 1.5)
                + "\"" + dash;
    }

    /** An event's label, in the first row where it overlaps no other label. */
    private record Label(Timeline.Event event, int row, boolean anchorStart) {
    }

    private List<Label> labels() {
        List<Timeline.Event> shown = t.events().stream().filter(e -> inside(e.atMs()))
                .sorted(java.util.Comparator.comparingDouble(Timeline.Event::atMs)).toList();
        List<Double> rowEnds = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (Timeline.Event e : shown) {
            double x = x(e.atMs());
            double w = e.label().length() * CHAR;
            boolean start = x + 3 + w <= WIDTH - 4;
            double from = start ? x : x - 3 - w;
            double to = start ? x + 3 + w : x;
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row) + 6 > from) row++;
            if (row == rowEnds.size()) rowEnds.add(to);
            else rowEnds.set(row, to);
            labels.add(new Label(e, row, start));
        }
        return labels;
    }

    private int legendRows() {
        return legendItems().stream().mapToInt(LegendItem::row).max().orElse(0) + 1;
    }

    private record LegendItem(String kind, String key, String text, double x, int row) {
    }

    /** The legend's items laid out left to right, wrapped at the width. */
    private List<LegendItem> legendItems() {
        List<String[]> raw = new ArrayList<>();
        t.throughput().forEach(s -> raw.add(new String[]{"link", s.link(), s.link()}));
        for (Timeline.Outcome o : Timeline.Outcome.values()) {
            long n = t.attempts().stream().filter(a -> a.outcome() == o && inside(a.atMs())).count();
            raw.add(new String[]{"outcome", o.name(), o.name().toLowerCase(Locale.ROOT) + " (" + n + ")"});
        }
        for (Timeline.Kind k : Timeline.Kind.values()) raw.add(new String[]{"event", k.name(), k.legend()});
        List<LegendItem> items = new ArrayList<>();
        double x = LEFT;
        int row = 0;
        for (String[] r : raw) {
            double w = 26 + r[2].length() * CHAR + 18;
            if (x + w > WIDTH - 10 && x > LEFT) {
                row++;
                x = LEFT;
            }
            items.add(new LegendItem(r[0], r[1], r[2], x, row));
            x += w;
        }
        return items;
    }

    private void legend(int top) {
        for (LegendItem i : legendItems()) {
            double y = top + i.row() * 20;
            switch (i.kind()) {
                case "link" -> out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                        + "stroke-width=\"2\"/>%n", i.x(), y, i.x() + 20, y, colour(i.key())));
                case "outcome" -> legendMark(Timeline.Outcome.valueOf(i.key()), i.x() + 10, y);
                default -> {
                    Timeline.Kind k = Timeline.Kind.valueOf(i.key());
                    out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s/>%n",
                            i.x() + 10, y - 8, i.x() + 10, y + 8, style(k)));
                }
            }
            text(i.x() + 26, y + 4, "start", "", i.text());
        }
    }

    private void legendMark(Timeline.Outcome o, double x, double y) {
        switch (o) {
            case OK -> out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n", x, y, OK));
            case DELAYED -> out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"1.5\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", x - 8, y, x + 8, y, DELAYED, x - 8, y, DELAYED));
            case FAILED -> out.append(String.format(Locale.ROOT, "<use href=\"#cross\" xlink:href=\"#cross\" x=\"%.1f\" y=\"%.1f\"/>%n", x, y));
        }
    }

    private String colour(String link) {
        int i = t.links().indexOf(link);
        if (i < 0) i = t.links().size() + t.throughput().stream().map(Timeline.Series::link).toList().indexOf(link);
        return LINK_COLOURS[Math.floorMod(i, LINK_COLOURS.length)];
    }

    private void text(double x, double y, String anchor, String attributes, String text) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n", x, y, anchor,
                attributes.isEmpty() ? "" : " " + attributes, esc(text)));
    }

    /** 1, 2 or 5 times a power of ten, so that at most `ticks` steps cover span. */
    static double niceStep(double span, int ticks) {
        double raw = span / ticks;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * p >= raw) return m * p;
        }
        return 10 * p;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Text as XML character data or attribute value. */
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
