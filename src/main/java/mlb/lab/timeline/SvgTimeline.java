package mlb.lab.timeline;

import java.util.ArrayList;
import java.util.Comparator;
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
    static final String FAILED_LANE = "failed";
    private static final int CHART = 170;
    private static final int LANE = 20;
    private static final int LABELS_TOP = 40;
    private static final int LABEL_ROW = 14;

    private final Timeline t;
    private final SvgOut out = new SvgOut();

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

    /** From the top: title, event labels, throughput (if any was sampled in the window), lanes, axis, legend. */
    private String document() {
        List<Label> labels = labels();
        int top = LABELS_TOP + (labels.stream().mapToInt(Label::row).max().orElse(-1) + 1) * LABEL_ROW + 10;
        boolean chart = t.throughput().stream().anyMatch(s -> s.samples().stream().anyMatch(p -> inside(p.atMs())));
        int lanesTop = chart ? top + CHART + 30 : top + 16;
        List<String> lanes = lanes();
        int bottom = lanesTop + lanes.size() * LANE;
        SvgLegend legend = new SvgLegend(t, t.attempts().stream().filter(a -> inside(a.atMs())).toList());
        int legendTop = bottom + 48;
        open(legendTop + legend.rows() * SvgLegend.ROW + 10);
        shade(top, bottom);
        if (chart) chart(top);
        lanes(lanes, lanesTop);
        axis(top, bottom);
        events(labels, bottom);
        legend.draw(out, legendTop);
        out.add("</svg>%n");
        return out.toString();
    }

    private void open(int height) {
        out.add("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height, WIDTH, height);
        out.add("<title>%s</title>%n", SvgOut.esc(t.title()));
        out.add("<defs><path id=\"cross\" d=\"M-3.5,-3.5L3.5,3.5M-3.5,3.5L3.5,-3.5\" stroke=\"%s\" stroke-width=\"2\"/></defs>%n",
                SvgOut.FAILED);
        out.add("<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n");
        out.text(LEFT, 22, "start", "font-size=\"15\" font-weight=\"bold\"", t.title());
    }

    /** The time the line was cut, from each cut to the next heal (or the window's end). */
    private void shade(int top, int bottom) {
        for (Timeline.Event c : of(Timeline.Kind.CUT)) {
            double healed = of(Timeline.Kind.HEAL).stream().mapToDouble(Timeline.Event::atMs).filter(h -> h >= c.atMs())
                    .min().orElse(t.toMs());
            double from = Math.max(c.atMs(), t.fromMs());
            double to = Math.min(healed, t.toMs());
            if (to <= from) continue;
            out.add("<rect class=\"cut-span\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" fill-opacity=\"0.08\"/>%n",
                    x(from), top, x(to) - x(from), bottom - top, SvgOut.FAILED);
        }
    }

    private List<Timeline.Event> of(Timeline.Kind kind) {
        return t.events().stream().filter(e -> e.kind() == kind).toList();
    }

    private void chart(int top) {
        double max = t.throughput().stream().flatMap(s -> s.samples().stream()).filter(p -> inside(p.atMs()))
                .mapToDouble(Timeline.Sample::bitsPerSecond).max().orElse(0) / 1e6;
        double step = SvgOut.niceStep(Math.max(max, 1), 5);
        double scale = Math.ceil(Math.max(max, 1) / step) * step;
        out.text(LEFT, top - 6, "start", "fill=\"#555\"", "throughput per link, Mbit/s");
        for (double v = 0; v <= scale + 1e-9; v += step) {
            double y = top + CHART - v / scale * CHART;
            out.add("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n", LEFT, y, RIGHT, y);
            out.text(LEFT - 6, y + 4, "end", "fill=\"#555\"", SvgOut.number(v));
        }
        List<String> series = t.throughput().stream().map(Timeline.Series::link).toList();
        for (Timeline.Series s : t.throughput()) {
            String points = s.samples().stream().filter(p -> inside(p.atMs()))
                    .map(p -> String.format(Locale.ROOT, "%.1f,%.1f", x(p.atMs()), top + CHART - p.bitsPerSecond() / 1e6 / scale * CHART))
                    .collect(Collectors.joining(" "));
            if (points.isEmpty()) continue;
            out.add("<polyline class=\"series\" points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"><title>%s</title></polyline>%n",
                    points, SvgOut.colour(t.links(), series, s.link()), SvgOut.esc(s.link()));
        }
        frame(top, top + CHART);
    }

    private void frame(int top, int bottom) {
        out.add("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", LEFT, top, RIGHT - LEFT, bottom - top);
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
        out.text(LEFT, top - 6, "start", "fill=\"#555\"", "new connections, by the link they took");
        for (int i = 0; i < lanes.size(); i++) {
            double y = top + i * LANE + LANE / 2.0;
            out.text(LEFT - 6, y + 4, "end", "", lanes.get(i));
            out.add("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n", LEFT, y, RIGHT, y);
        }
        for (Timeline.Attempt a : t.attempts()) {
            if (inside(a.atMs())) mark(a, x(a.atMs()), top + lanes.indexOf(lane(a)) * LANE + LANE / 2.0);
        }
        frame(top, top + lanes.size() * LANE);
    }

    /** ok: a grey dot; delayed: an orange dot with a bar to when it was answered; failed: a red cross. */
    private void mark(Timeline.Attempt a, double x, double y) {
        String title = String.format(Locale.ROOT, "%+.2f s: %s%s, %.0f ms%s", a.atMs() / 1000, a.outcome().name().toLowerCase(Locale.ROOT),
                a.link().isEmpty() ? "" : " via " + a.link(), a.tookMs(), a.why().isEmpty() ? "" : " (" + a.why() + ")");
        switch (a.outcome()) {
            case OK -> out.add("<circle class=\"attempt ok\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\">", x, y, SvgOut.OK);
            case DELAYED -> {
                double end = x(Math.min(a.atMs() + Math.max(0, a.tookMs()), t.toMs()));
                out.add("<line class=\"attempt-took\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                        x, y, end, y, SvgOut.DELAYED);
                out.add("<circle class=\"attempt delayed\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">", x, y, SvgOut.DELAYED);
            }
            case FAILED -> out.add("<use class=\"attempt failed\" href=\"#cross\" xlink:href=\"#cross\" x=\"%.1f\" y=\"%.1f\">", x, y);
        }
        out.add("<title>%s</title>%s%n", SvgOut.esc(title), a.outcome() == Timeline.Outcome.FAILED ? "</use>" : "</circle>");
    }

    private void axis(int top, int bottom) {
        double step = SvgOut.niceStep((t.toMs() - t.fromMs()) / 1000, 15);
        for (double s = Math.ceil(t.fromMs() / 1000 / step) * step; s * 1000 <= t.toMs() + 1e-6; s += step) {
            double x = x(s * 1000);
            out.add("<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\" stroke-dasharray=\"1,3\"/>%n",
                    x, top, x, bottom + 4);
            out.text(x, bottom + 16, "middle", "", Math.abs(s) < 1e-9 ? "0" : SvgOut.number(s));
        }
        out.text((LEFT + RIGHT) / 2.0, bottom + 32, "middle", "fill=\"#555\"", "seconds after the cut");
    }

    private void events(List<Label> labels, int bottom) {
        for (Label l : labels) {
            Timeline.Event e = l.event();
            double x = x(e.atMs());
            int y = LABELS_TOP + l.row() * LABEL_ROW;
            out.add("<line class=\"event %s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" %s/>%n", e.kind().name().toLowerCase(Locale.ROOT),
                    x, y + 3, x, bottom, SvgOut.style(e.kind()));
            out.text(l.leftAligned() ? x + 3 : x - 3, y, l.leftAligned() ? "start" : "end",
                    "fill=\"" + SvgOut.colour(e.kind()) + "\"", e.label());
        }
    }

    /** An event's label: beside its line (left of it near the right edge), in the first row it overlaps nothing. */
    private record Label(Timeline.Event event, int row, boolean leftAligned) {
    }

    private List<Label> labels() {
        List<Double> rowEnds = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (Timeline.Event e : t.events().stream().filter(e -> inside(e.atMs())).sorted(Comparator.comparingDouble(Timeline.Event::atMs)).toList()) {
            double x = x(e.atMs());
            double w = e.label().length() * SvgOut.CHAR;
            boolean start = x + 3 + w <= WIDTH - 4;
            double from = start ? x : x - 3 - w;
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row) + 6 > from) row++;
            if (row == rowEnds.size()) rowEnds.add(0.0);
            rowEnds.set(row, start ? x + 3 + w : x);
            labels.add(new Label(e, row, start));
        }
        return labels;
    }
}
