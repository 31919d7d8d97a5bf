package mlb.lab.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The legend under a timeline: a line per link's throughput, each outcome's mark with how many attempts had it,
 * each event's line; left to right, wrapped at the picture's width.
 */
final class SvgLegend {
    static final int ROW = 20;

    private record Item(String kind, String key, String text, double x, int row) {
    }

    private final Timeline t;
    private final List<Item> items = new ArrayList<>();

    /** shown: the attempts inside the window, which the counts are of. */
    SvgLegend(Timeline t, List<Timeline.Attempt> shown) {
        this.t = t;
        List<String[]> raw = new ArrayList<>();
        t.throughput().forEach(s -> raw.add(new String[]{"link", s.link(), s.link()}));
        for (Timeline.Outcome o : Timeline.Outcome.values()) {
            long n = shown.stream().filter(a -> a.outcome() == o).count();
            raw.add(new String[]{"outcome", o.name(), o.name().toLowerCase(Locale.ROOT) + " (" + n + ")"});
        }
        for (Timeline.Kind k : Timeline.Kind.values()) raw.add(new String[]{"event", k.name(), k.legend()});
        double x = SvgTimeline.LEFT;
        int row = 0;
        for (String[] r : raw) {
            double w = 26 + r[2].length() * SvgOut.CHAR + 18;
            if (x + w > SvgTimeline.WIDTH - 10 && x > SvgTimeline.LEFT) {
                row++;
                x = SvgTimeline.LEFT;
            }
            items.add(new Item(r[0], r[1], r[2], x, row));
            x += w;
        }
    }

    int rows() {
        return items.stream().mapToInt(Item::row).max().orElse(0) + 1;
    }

    void draw(SvgOut out, int top) {
        List<String> series = t.throughput().stream().map(Timeline.Series::link).toList();
        for (Item i : items) {
            double y = top + i.row() * ROW;
            switch (i.kind()) {
                case "link" -> out.add("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                        i.x(), y, i.x() + 20, y, SvgOut.colour(t.links(), series, i.key()));
                case "outcome" -> mark(out, Timeline.Outcome.valueOf(i.key()), i.x() + 10, y);
                default -> out.add("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s/>%n", i.x() + 10, y - 8, i.x() + 10, y + 8,
                        SvgOut.style(Timeline.Kind.valueOf(i.key())));
            }
            out.text(i.x() + 26, y + 4, "start", "", i.text());
        }
    }

    private static void mark(SvgOut out, Timeline.Outcome o, double x, double y) {
        switch (o) {
            case OK -> out.add("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n", x, y, SvgOut.OK);
            case DELAYED -> out.add("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>"
                    + "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", x - 8, y, x + 8, y, SvgOut.DELAYED, x - 8, y, SvgOut.DELAYED);
            case FAILED -> out.add("<use href=\"#cross\" xlink:href=\"#cross\" x=\"%.1f\" y=\"%.1f\"/>%n", x, y);
        }
    }
}
