package mlb.lab.timeline;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.w3c.dom.Element;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgTimelineProperties {
    private static final List<String> LINKS = List.of("isp1", "isp2", "isp3");

    /** Whatever the window and wherever in it things happen: every mark, line and point lies inside the plot. */
    @Property(tries = 200)
    void everyTimeLandsInsideThePlot(@ForAll @DoubleRange(min = -60_000, max = 60_000) double from,
                                     @ForAll @DoubleRange(min = 1, max = 120_000) double span,
                                     @ForAll("fractions") List<Double> at, @ForAll("fractions") List<Double> took) {
        double to = from + span;
        List<Timeline.Attempt> attempts = new ArrayList<>();
        List<Timeline.Event> events = new ArrayList<>();
        List<Timeline.Sample> samples = new ArrayList<>();
        Timeline.Outcome[] outcomes = Timeline.Outcome.values();
        Timeline.Kind[] kinds = Timeline.Kind.values();
        for (int i = 0; i < at.size(); i++) {
            double ms = from + at.get(i) * span;
            double length = took.isEmpty() ? 0 : took.get(i % took.size()) * 20_000;
            attempts.add(new Timeline.Attempt(ms, outcomes[i % outcomes.length], length, LINKS.get(i % LINKS.size()), ""));
            events.add(new Timeline.Event(kinds[i % kinds.length], ms, "event " + i));
            samples.add(new Timeline.Sample(ms, length * 1000));
        }
        Timeline t = new Timeline("property", Instant.EPOCH, from, to, LINKS,
                List.of(new Timeline.Series("isp1", samples)), attempts, events);
        Svg svg = new Svg(SvgTimeline.render(t));
        assertEquals(attempts.size(), svg.withClass("attempt").size());
        List<Element> timed = new ArrayList<>();
        for (String cls : List.of("attempt", "attempt-took", "event", "series", "tick", "cut-span")) timed.addAll(svg.withClass(cls));
        for (Element e : timed) {
            for (double x : Svg.xs(e)) {
                assertTrue(x >= SvgTimeline.LEFT - 0.05 && x <= SvgTimeline.RIGHT + 0.05, e.getAttribute("class") + " at x " + x);
            }
            if (e.hasAttribute("width")) {
                double right = Double.parseDouble(e.getAttribute("x")) + Double.parseDouble(e.getAttribute("width"));
                assertTrue(right <= SvgTimeline.RIGHT + 0.1, "cut span ends at " + right);
            }
        }
    }

    @Provide
    Arbitrary<List<Double>> fractions() {
        return Arbitraries.doubles().between(0, 1).list().ofMaxSize(40);
    }
}
